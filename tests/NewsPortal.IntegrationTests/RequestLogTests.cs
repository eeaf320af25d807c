using System.Net;
using Serilog.Events;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class RequestLogTests(OpsPortal portal) : IClassFixture<OpsPortal>
{
    [Fact]
    public async Task A_request_that_throws_is_logged_once_as_an_error_with_its_exception()
    {
        var log = new LogCapture();
        var client = portal.Start(log).CreateClient();

        var response = await client.GetAsync(FaultController.Path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var line = await log.WaitForAsync(e => log.RequestLines(FaultController.Path).Contains(e), "request line for the fault");
        Assert.Equal(LogEventLevel.Error, line.Level);
        Assert.Equal(500, LogCapture.StatusOf(line));
        Assert.Contains("GET", line.RenderMessage());
        Assert.Matches(@"responded 500 in \d+\.\d ms", line.RenderMessage());
        var exception = Assert.IsType<InvalidOperationException>(line.Exception);
        Assert.Equal(FaultController.Message, exception.Message);
        // One line for one failure: the exception handler does not log it a second time.
        Assert.Single(log.Events, e => e.Exception?.Message == FaultController.Message);
    }

    [Fact]
    public async Task Pages_and_4xx_are_logged_at_Information_health_probes_and_static_files_below_it()
    {
        var log = new LogCapture();
        var client = portal.Start(log).CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/no-such-page")).StatusCode);

        var front = await log.WaitForAsync(e => log.RequestLines("/").Contains(e), "request line for /");
        Assert.Equal(LogEventLevel.Information, front.Level);
        var missing = await log.WaitForAsync(e => log.RequestLines("/no-such-page").Contains(e), "request line for the 404");
        Assert.Equal(LogEventLevel.Information, missing.Level);
        Assert.Equal(404, LogCapture.StatusOf(missing));
        Assert.Empty(log.RequestLines("/healthz"));
        Assert.Empty(log.RequestLines("/readyz"));
        Assert.Empty(log.RequestLines("/css/site.css"));
    }

    [Theory]
    [InlineData("/", 200, false, false, LogEventLevel.Information)]
    [InlineData("/no-such-page", 404, false, false, LogEventLevel.Information)]
    [InlineData("/editor/login", 413, false, false, LogEventLevel.Information)]
    [InlineData("/", 500, false, false, LogEventLevel.Error)]
    [InlineData("/", 502, false, false, LogEventLevel.Error)]
    // The database away: the portal's own answer, its cause logged once elsewhere.
    [InlineData("/", 503, true, false, LogEventLevel.Warning)]
    [InlineData("/", 503, false, false, LogEventLevel.Error)]
    [InlineData("/healthz", 200, false, false, LogEventLevel.Debug)]
    [InlineData("/readyz", 503, false, false, LogEventLevel.Debug)]
    [InlineData("/metrics", 200, false, false, LogEventLevel.Debug)]
    [InlineData("/css/site.css", 200, false, true, LogEventLevel.Debug)]
    public void Request_lines_are_logged_at_a_level_by_status_and_path(string path, int status, bool retryAfter, bool staticFile, LogEventLevel expected)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Path = path;
        context.Response.StatusCode = status;
        if (retryAfter) context.Response.Headers.RetryAfter = "5";
        if (staticFile) NewsPortal.Web.Infrastructure.RequestLogging.MarkStaticFile(context);

        Assert.Equal(expected, NewsPortal.Web.Infrastructure.RequestLogging.LevelOf(context, 1.0, null));
        Assert.Equal(LogEventLevel.Error, NewsPortal.Web.Infrastructure.RequestLogging.LevelOf(context, 1.0, new InvalidOperationException()));
    }
}
