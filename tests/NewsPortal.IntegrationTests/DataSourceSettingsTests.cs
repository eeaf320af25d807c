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

    [Theory]
    [InlineData("Host=127.0.0.1;Database=x", 30)]
    [InlineData("Host=127.0.0.1;Database=x;Maximum Pool Size=80", 80)]
    [InlineData("Host=127.0.0.1;Database=x;Maximum Pool Size=5;Minimum Pool Size=1", 5)]
    public void A_node_takes_at_most_30_connections_unless_the_connection_string_says_otherwise(string connectionString, int pool)
    {
        using var dataSource = NewsPortalDatabase.Create(connectionString);
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Assert.Equal(pool, settings.MaxPoolSize);
        Assert.Equal(64, settings.MaxAutoPrepare);
    }
}
