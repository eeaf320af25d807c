using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// A PostgreSQL cluster of the tests' own (initdb, or <c>pg_basebackup -R</c> of another for a
/// streaming replica) in a folder under /tmp, on a free loopback port; stopped and removed on
/// dispose. As root the server runs as <c>postgres</c>, which PostgreSQL requires.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly bool IsRoot = Environment.UserName == "root";

    private PostgresCluster(string dataDir, int port)
    {
        DataDir = dataDir;
        Port = port;
    }

    public string DataDir { get; }
    public int Port { get; }
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Pooling=false";

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    public static string BinDir
    {
        get
        {
            var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
            var newest = versions.Where(v => File.Exists(Path.Combine(v, "bin", "pg_ctl")))
                .OrderBy(v => int.TryParse(Path.GetFileName(v), out var n) ? n : 0).LastOrDefault();
            return newest is null
                ? throw new InvalidOperationException("No PostgreSQL server programs under /usr/lib/postgresql/*/bin (apt-get install postgresql).")
                : Path.Combine(newest, "bin");
        }
    }

    /// <summary>A folder under /tmp the server's user may enter; the clusters go inside it.</summary>
    public static string CreateRoot()
    {
        var root = Directory.CreateTempSubdirectory("newsportal-replica-").FullName;
        if (IsRoot) Run("chown", "postgres:postgres", root).GetAwaiter().GetResult();
        return root;
    }

    /// <summary>A new, started primary in <paramref name="root"/>/<paramref name="name"/>.</summary>
    public static async Task<PostgresCluster> InitAsync(string root, string name)
    {
        var cluster = new PostgresCluster(Path.Combine(root, name), FreePort());
        await AsOwner(Path.Combine(BinDir, "initdb"), "-D", cluster.DataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "-N");
        await cluster.StartAsync();
        return cluster;
    }

    /// <summary>A streaming replica of this cluster (<c>pg_basebackup -R</c>), started.</summary>
    public async Task<PostgresCluster> ReplicaAsync(string root, string name)
    {
        var replica = new PostgresCluster(Path.Combine(root, name), FreePort());
        await AsOwner(Path.Combine(BinDir, "pg_basebackup"), "-h", "127.0.0.1", "-p", Port.ToString(), "-U", "postgres",
            "-D", replica.DataDir, "-R", "-X", "stream", "-c", "fast");
        await replica.StartAsync();
        return replica;
    }

    public Task StartAsync() =>
        AsOwner(Path.Combine(BinDir, "pg_ctl"), "-D", DataDir, "-l", Path.Combine(DataDir, "server.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -c listen_addresses=127.0.0.1 -k {DataDir} -c fsync=off -c full_page_writes=off -c wal_receiver_status_interval=1", "start");

    /// <summary>Stops the server at once (open connections are cut, as when a machine goes away).</summary>
    public Task StopAsync() => AsOwner(Path.Combine(BinDir, "pg_ctl"), "-D", DataDir, "-m", "immediate", "-w", "stop");

    public async Task<T> QueryAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            try { await StopAsync(); } catch (InvalidOperationException) { /* already stopped */ }
        }
        Directory.Delete(DataDir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task AsOwner(string program, params string[] args) =>
        IsRoot ? Run("runuser", ["-u", "postgres", "--", program, .. args]) : Run(program, args);

    private static async Task Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}{await stdout}");
    }
}
