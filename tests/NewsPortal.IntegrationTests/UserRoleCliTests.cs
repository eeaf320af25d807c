using Dapper;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Roles from the command line: <c>user add --role</c> (editor unless told), <c>user role</c>
/// (a new stamp, so sessions end), roles in <c>user list</c>, each change in the audit log; and
/// migration 0026 making the accounts that existed before it admins.
/// </summary>
public sealed class UserRoleCliTests
{
    [Fact]
    public async Task User_add_takes_a_role_user_role_changes_it_and_list_shows_it()
    {
        await using var db = await TestDatabase.CreateAsync();
        async Task<CliProcess.Result> User(params string[] args) => await CliProcess.RunAsync(db.ConnectionString, "a long enough secret", null, ["user", .. args]);
        async Task<(string Role, Guid Stamp)> Row(string name)
        {
            await using var c = await db.DataSource.OpenConnectionAsync();
            return await c.QuerySingleAsync<(string, Guid)>("SELECT role, security_stamp FROM editors WHERE name = @Name", new { Name = name });
        }

        Assert.Equal(0, (await User("add", "sun")).ExitCode);
        Assert.Equal(0, (await User("add", "qin", "--role", "admin")).ExitCode);
        Assert.Equal("editor", (await Row("sun")).Role);
        Assert.Equal("admin", (await Row("qin")).Role);
        var taken = await User("add", "sun", "--role", "admin");
        Assert.Equal(1, taken.ExitCode);
        Assert.Equal("editor", (await Row("sun")).Role);

        var before = await Row("sun");
        var promote = await User("role", "sun", "admin");
        Assert.True(promote.ExitCode == 0, promote.Stderr);
        Assert.Contains("sessions end", promote.Stdout);
        var after = await Row("sun");
        Assert.Equal("admin", after.Role);
        Assert.NotEqual(before.Stamp, after.Stamp);
        Assert.Equal(0, (await User("role", "sun", "admin")).ExitCode);
        Assert.Equal(after.Stamp, (await Row("sun")).Stamp);

        Assert.Equal(2, (await User("role", "sun", "owner")).ExitCode);
        Assert.Equal(2, (await User("add", "li", "--role", "root")).ExitCode);
        Assert.Equal(1, (await User("role", "nobody", "editor")).ExitCode);
        var list = (await User("list")).Stdout;
        Assert.Contains("qin\tadmin\tactive", list);
        Assert.Contains("sun\tadmin\tactive", list);

        await using var connection = await db.DataSource.OpenConnectionAsync();
        var audit = (await connection.QueryAsync<(string, string, string?)>(
            "SELECT action, account_name, detail->>'via' FROM audit_log ORDER BY id")).ToList();
        Assert.Equal([("account-added", "sun", "command line"), ("account-added", "qin", "command line"), ("account-role-changed", "sun", "command line")], audit);
    }

    [Fact]
    public async Task Accounts_made_before_roles_become_admins_and_new_ones_editors()
    {
        await using var db = await TestDatabase.CreateBeforeAsync(26);
        await using var c = await db.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("INSERT INTO editors (name, password_hash) VALUES ('old-hand', 'x')");

        await new MigrationRunner(db.DataSource).MigrateAsync();
        await c.ExecuteAsync("INSERT INTO editors (name, password_hash) VALUES ('newcomer', 'x')");

        Assert.Equal("admin", await c.ExecuteScalarAsync<string>("SELECT role FROM editors WHERE name = 'old-hand'"));
        Assert.Equal("editor", await c.ExecuteScalarAsync<string>("SELECT role FROM editors WHERE name = 'newcomer'"));
    }
}
