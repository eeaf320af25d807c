using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class StartupTests
{
    [Fact]
    public async Task Web_app_refuses_to_start_on_an_old_schema_when_migration_is_off()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:NewsPortal", db.ConnectionString)
            .UseSetting("Database:Migrate", "false"));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var schemaError = error as SchemaOutOfDateException ?? error.InnerException as SchemaOutOfDateException;
        Assert.NotNull(schemaError);
        Assert.Contains(NewsPortalDatabase.MigrateCommand, schemaError.Message);
    }

    [Fact]
    public async Task Web_app_migrates_an_empty_database_at_start_by_default()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:NewsPortal", db.ConnectionString));

        var response = await factory.CreateClient().GetAsync("/readyz");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await new MigrationRunner(db.DataSource).PendingAsync());
    }

    [Fact]
    public async Task Without_its_database_the_web_app_serves_503_with_Retry_After_and_recovers_when_the_database_comes()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        var admin = Environment.GetEnvironmentVariable("NEWSPORTAL_TEST_DB")!;
        var name = new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString).Database!;
        await db.DataSource.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using (var c = new Npgsql.NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await Dapper.SqlMapper.ExecuteAsync(c, $"DROP DATABASE \"{name}\" WITH (FORCE)");
        }

        // The database is not there: the app starts anyway.
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:NewsPortal", db.ConnectionString));
        var client = factory.CreateClient();
        var front = await client.GetAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, front.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), front.Headers.RetryAfter?.Delta);
        Assert.Contains("稍后再试", await front.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/img/abc.aHR0cHM6Ly9leGFtcGxlLmNvbS9hLmpwZw")).StatusCode);

        // It comes: the app migrates it and serves, without a restart.
        await using (var c = new Npgsql.NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await Dapper.SqlMapper.ExecuteAsync(c, $"CREATE DATABASE \"{name}\"");
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        System.Net.HttpStatusCode status;
        while ((status = (await client.GetAsync("/")).StatusCode) != System.Net.HttpStatusCode.OK && DateTime.UtcNow < deadline) await Task.Delay(250);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public void Connection_failures_count_as_the_database_being_away_and_other_errors_do_not()
    {
        Assert.True(NewsPortal.Web.Infrastructure.DatabaseAvailability.IsUnavailable(new Npgsql.NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))));
        Assert.True(NewsPortal.Web.Infrastructure.DatabaseAvailability.IsUnavailable(new InvalidOperationException("wrapped", new Npgsql.NpgsqlException("Exception while reading from stream", new IOException("reset")))));
        Assert.False(NewsPortal.Web.Infrastructure.DatabaseAvailability.IsUnavailable(new InvalidOperationException("a bug")));
        Assert.False(NewsPortal.Web.Infrastructure.DatabaseAvailability.IsUnavailable(new Npgsql.NpgsqlException("syntax")));
    }
}
