using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsPortal.Core.Ingestion;
using NewsPortal.Ingestion;
using Serilog;

string[] commandArgs;
string? outletsFile;
try
{
    (commandArgs, outletsFile) = CommandLine.TakeOutletsOption(args);
}
catch (UsageException e)
{
    StandardOutput.Error($"error: {e.Message}\n{CommandLine.Usage}");
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    // Our own arguments are commands, not configuration keys.
    Args = [],
    ContentRootPath = AppContext.BaseDirectory,
});
// --outlets FILE is the command line's way to set OutletsFile, for every command alike.
if (outletsFile is not null) builder.Configuration.AddInMemoryCollection([new(OutletSettings.FileKey, outletsFile)]);
builder.Services.AddIngestion(builder.Configuration);
bool exportMetrics;
try
{
    exportMetrics = builder.Services.AddIngestionMetricsExport(builder.Configuration);
}
catch (UsageException e)
{
    StandardOutput.Error($"error: {e.Message}");
    return 2;
}
// Logs go to stderr so that stdout carries only the command's own output (summary lines, JSON).
Log.Logger = new LoggerConfiguration()
    .ReadFrom.Configuration(builder.Configuration)
    .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose,
        outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}")
    .CreateLogger();
builder.Logging.ClearProviders().AddSerilog(Log.Logger, dispose: true);

using var host = builder.Build();
if (exportMetrics) host.Services.StartMetricsExport();
// docker stop and systemd send SIGTERM, a terminal Ctrl+C: the command ends the work in hand, then stops.
using var signals = new StopSignals();
var exitCode = await CommandLine.RunAsync(commandArgs, host.Services, signals.Token);
return exitCode == CommandLine.Stopped ? signals.ExitCode : exitCode;
