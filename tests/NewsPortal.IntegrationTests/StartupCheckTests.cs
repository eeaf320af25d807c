using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// What a start that cannot go ahead says: one line naming the cause, no stack trace, a non-zero
/// exit — from scripts/start.sh's checks (made before anything is started) and from the apps.
/// </summary>
public sealed class StartupCheckTests
{
    [Fact]
    public async Task Start_script_refuses_a_taken_web_port_in_one_line_before_starting_anything()
    {
        using var folder = new TempFolder();
        using var web = Listen();
        var data = Path.Combine(folder.Path, "postgres");

        var result = await RunStartAsync(data, FreePort(), $"http://127.0.0.1:{PortOf(web)}");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.StartsWith($"error: port {PortOf(web)} (web, from NEWSPORTAL_URLS=", line);
        Assert.False(Directory.Exists(data), "nothing was started");
    }

    [Fact]
    public async Task Start_script_refuses_a_taken_database_port_in_one_line()
    {
        using var folder = new TempFolder();
        using var database = Listen();

        var result = await RunStartAsync(Path.Combine(folder.Path, "postgres"), PortOf(database), $"http://127.0.0.1:{FreePort()}");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.StartsWith($"error: port {PortOf(database)} (database, NEWSPORTAL_PG_PORT) is taken", line);
    }

    [Fact]
    public async Task A_second_start_script_for_the_same_data_folder_says_so_in_one_line()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "postgres");
        // Stands in for the first start.sh: a live process of that name holding the lock.
        using var first = Process.Start(new ProcessStartInfo("bash", ["-c", "exec -a start.sh sleep 60"]))!;
        try
        {
            await File.WriteAllTextAsync(data + ".start.lock", first.Id + "\n");

            var result = await RunStartAsync(data, FreePort(), $"http://127.0.0.1:{FreePort()}");

            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(Lines(result.Stderr));
            Assert.StartsWith($"error: start.sh is already running for the database folder {data} (pid {first.Id})", line);
        }
        finally
        {
            first.Kill();
        }
    }

    [Fact]
    public async Task Web_app_on_a_taken_port_exits_1_with_one_line_naming_the_address()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var web = Listen();
        var url = $"http://127.0.0.1:{PortOf(web)}";

        var result = await RunAsync("dotnet", Path.Combine(Repo.Root, "src", "NewsPortal.Web"),
            new() { ["ConnectionStrings__NewsPortal"] = db.ConnectionString, ["Search__Index"] = "false" },
            WebDll(), "--urls", url);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Lines(result.Stdout + result.Stderr), l => l.Contains("address already in use"));
        Assert.Contains($"Cannot listen: Failed to bind to address {url}", line);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Command_line_without_its_database_says_where_it_looked_in_one_line()
    {
        var port = FreePort();

        var result = await CliProcess.RunAsync($"Host=127.0.0.1;Port={port};Database=newsportal;Username=postgres;Timeout=3", null, null, "user", "list");

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.Contains($"Cannot reach the database at 127.0.0.1:{port}", line);
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static int PortOf(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    private static int FreePort()
    {
        using var listener = Listen();
        return PortOf(listener);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(l => !l.StartsWith("==> ", StringComparison.Ordinal)).ToArray();

    private static string WebDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        return Path.Combine(Repo.Root, "src", "NewsPortal.Web", "bin", configuration, "net10.0", "NewsPortal.Web.dll");
    }

    private static Task<CliProcess.Result> RunStartAsync(string dataDir, int pgPort, string urls) =>
        RunAsync("bash", Repo.Root, new()
        {
            ["NEWSPORTAL_DATA_DIR"] = dataDir,
            ["NEWSPORTAL_PG_PORT"] = pgPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NEWSPORTAL_URLS"] = urls,
        }, Path.Combine(Repo.Root, "scripts", "start.sh"));

    private static async Task<CliProcess.Result> RunAsync(string program, string directory, Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CliProcess.Result(process.ExitCode, await stdout, await stderr);
    }
}
