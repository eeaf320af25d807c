using Microsoft.AspNetCore.Connections;
using NewsPortal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddNewsPortalWeb();

var app = builder.Build();
await app.EnsureDatabaseAsync();
app.UseNewsPortalPipeline();
try
{
    await app.RunAsync();
}
catch (IOException e) when (e.InnerException is AddressInUseException)
{
    // One line, not a stack trace: most often a second copy of the portal already holds the port.
    app.Logger.LogCritical("Cannot listen: {Reason} Stop the program that holds the port or choose another with --urls (scripts/start.sh: NEWSPORTAL_URLS)", e.Message);
    return 1;
}
return 0;

/// <summary>Entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
