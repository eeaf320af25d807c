using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NewsPortal.Benchmarks;

/// <summary>
/// A PostgreSQL cluster of its own in a temporary folder, on a free loopback port, fsync off; run as
/// the 'postgres' user when we are root (PostgreSQL refuses root), as scripts/postgres.sh does.
/// Disposing stops it and removes the folder.
/// </summary>
internal sealed class ThrowawayCluster : IDisposable
{
    private readonly string _bin;

    private ThrowawayCluster(string data, int port, string bin)
    {
        Data = data;
        Port = port;
        _bin = bin;
    }

    public string Data { get; }
    public int Port { get; }
    public string Admin => $"Host=127.0.0.1;Port={Port};Username=postgres";

    public static ThrowawayCluster Start()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => int.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture)).LastOrDefault()
                  ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install -y postgresql)");
        var data = Directory.CreateTempSubdirectory("newsportal-reliability-pg.").FullName;
        var cluster = new ThrowawayCluster(data, FreePort(), Path.Combine(bin, "bin"));
        try
        {
            if (Environment.UserName == "root") Run("chown", "postgres:postgres", data);
            cluster.PgCtl("initdb", "-o", "-U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8");
            cluster.StartServer();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary><c>pg_ctl restart -m fast</c>: every connection is cut; returns once the server accepts connections again.</summary>
    public void Restart() => PgCtl("restart", "-m", "fast", "-w", "-t", "60");

    private void StartServer() =>
        PgCtl("start", "-w", "-t", "60", "-l", Path.Combine(Data, "server.log"),
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {Data} -c fsync=off -c max_connections=300");

    /// <summary>
    /// A crash: SIGKILL to the postmaster and every process of the cluster at once (no shutdown
    /// checkpoint, transactions in flight cut), then a start, which runs crash recovery from the
    /// write-ahead log. Returns once the server accepts connections again.
    /// </summary>
    public void Crash()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(Data, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        var pids = new List<int> { postmaster };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != postmaster && ProcessCpu.ParentOf(pid) == postmaster) pids.Add(pid);
        foreach (var pid in pids)
        {
            try { Process.GetProcessById(pid).Kill(); }
            catch (ArgumentException) { } // already gone
            catch (InvalidOperationException) { }
        }
        var until = DateTime.UtcNow.AddSeconds(30);
        while (pids.Any(pid => Directory.Exists($"/proc/{pid}")) && DateTime.UtcNow < until) Thread.Sleep(20);
        StartServer();
    }

    public void Dispose()
    {
        try { PgCtl("stop", "-m", "fast", "-w"); }
        catch (InvalidOperationException) { } // not running
        try { Directory.Delete(Data, recursive: true); }
        catch (IOException) { }
    }

    private void PgCtl(params string[] args) =>
        Run(Environment.UserName == "root" ? "runuser" : Path.Combine(_bin, "pg_ctl"),
            [.. Environment.UserName == "root" ? new[] { "-u", "postgres", "--", Path.Combine(_bin, "pg_ctl") } : [], "-D", Data, .. args]);

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited with {process.ExitCode}: {error.Trim()} {output.Result.Trim()}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
