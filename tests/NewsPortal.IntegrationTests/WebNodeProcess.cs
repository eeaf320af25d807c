using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// The built web app (NewsPortal.Web.dll) as a process of its own on a free loopback port, signalled
/// and awaited as a test needs, killed with its children on dispose. Its output is kept to explain a
/// failure, unless it goes to a file (<see cref="OutputFiles"/>).
/// </summary>
public sealed class WebNodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WebNodeProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <param name="outputFile">Where standard output and error go instead of being kept (<see cref="OutputFiles.FullDisk"/>, say).</param>
    public static WebNodeProcess Start(string connectionString, IReadOnlyDictionary<string, string>? settings = null, string? outputFile = null)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        var folder = Path.Combine(Repo.Root, "src", "NewsPortal.Web", "bin", configuration, "net10.0");
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(folder, "NewsPortal.Web.dll"));
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__NewsPortal"] = connectionString;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment["Delivery__ChangeCheckSeconds"] = "0";
        start.Environment["Search__Index"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        OutputFiles.Redirect(start, outputFile, outputFile);
        return new WebNodeProcess(Process.Start(start)!, baseUrl);
    }

    /// <summary>Until <c>/readyz</c> answers 200 (the schema checked, the app serving).</summary>
    public async Task WaitReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the web node exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync(BaseUrl + "/readyz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > until) throw new TimeoutException($"the web node at {BaseUrl} did not become ready:\n{Output}");
            await Task.Delay(100);
        }
    }

    public Task SendSigtermAsync() => _process.SendSigtermAsync();

    /// <summary>Its exit code once it has exited; a <see cref="TimeoutException"/> if it has not within <paramref name="within"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        await _process.WaitForExitAsync().WaitAsync(within);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
