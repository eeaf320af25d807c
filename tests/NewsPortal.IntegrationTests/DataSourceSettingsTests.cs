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

    [Theory]
    [InlineData("Host=primary;Port=5432;Database=x", "Host=replica;Port=6432;Database=x;Username=reader", "replica:6432,primary:5432")]
    [InlineData("Host=primary:5433;Database=x", "Host=r1,r2:7000;Database=x", "r1:5432,r2:7000,primary:5433")]
    public async Task Reads_try_the_replica_hosts_first_and_the_primary_after_them(string primary, string read, string hosts)
    {
        await using var reads = NewsPortalDatabase.CreateReadDataSource(primary, read);
        Assert.True(reads.HasReplica);
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(reads.Standby.ConnectionString);
        Assert.Equal(hosts, settings.Host);
        Assert.Equal("primary", new Npgsql.NpgsqlConnectionStringBuilder(reads.Primary.ConnectionString).Host!.Split(':')[0]);
    }

    [Fact]
    public async Task Without_a_replica_reads_and_writes_share_the_one_data_source()
    {
        await using var reads = NewsPortalDatabase.CreateReadDataSource("Host=primary;Database=x", "");
        Assert.False(reads.HasReplica);
        Assert.Same(reads.Primary, reads.Reads);
    }
}
