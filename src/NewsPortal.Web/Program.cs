using NewsPortal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddNewsPortalWeb();

var app = builder.Build();
await app.EnsureDatabaseAsync();
app.UseNewsPortalPipeline();
app.Run();

/// <summary>Entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
