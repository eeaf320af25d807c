using Dapper;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class DataSourceSettingsTests
{
    [Fact]
    public async Task Connections_run_without_jit_unless_the_connection_string_says_otherwise()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        await using (var connection = await db.DataSource.OpenConnectionAsync())
            Assert.Equal("off", await connection.ExecuteScalarAsync<string>("SHOW jit"));

        await using var explicitJit = NewsPortalDatabase.Create(db.ConnectionString + ";Options=-c jit=on");
        await using (var connection = await explicitJit.OpenConnectionAsync())
            Assert.Equal("on", await connection.ExecuteScalarAsync<string>("SHOW jit"));
    }
}
