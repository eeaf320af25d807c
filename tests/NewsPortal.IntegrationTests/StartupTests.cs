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
}
