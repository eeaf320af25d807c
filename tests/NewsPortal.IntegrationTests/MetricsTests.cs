using System.Net;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class MetricsTests(OpsPortal portal) : IClassFixture<OpsPortal>
{
    [Fact]
    public async Task With_Prometheus_on_metrics_answers_the_request_metrics_and_the_portal_counters()
    {
        var client = portal.Start(new LogCapture(), ("Metrics:Prometheus", "true")).CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/search?q=" + Uri.EscapeDataString("会见"))).StatusCode);

        var text = await ScrapeUntilAsync(client, "newsportal_search_queries_total");
        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.Contains("http_route=\"/\"", text);
        Assert.Contains("newsportal_page_cache_misses_total", text);
        Assert.Contains("newsportal_page_cache_hits_total", text);
        Assert.Contains("dotnet_gc_collections_total", text);
        Assert.Contains("db_client_", text);
    }

    [Fact]
    public async Task Metrics_are_not_served_unless_asked_for()
    {
        var client = portal.Start(new LogCapture()).CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Metrics_are_served_while_the_database_is_away()
    {
        var away = new Npgsql.NpgsqlConnectionStringBuilder(portal.Database.ConnectionString) { Database = "newsportal_not_there_" + Guid.NewGuid().ToString("N")[..8] };
        var client = portal.Start(new LogCapture(), ("Metrics:Prometheus", "true"), ("ConnectionStrings:NewsPortal", away.ToString())).CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/")).StatusCode);
        Assert.Contains("http_server_request_duration_seconds", await ScrapeUntilAsync(client, "http_server_request_duration_seconds"));
    }

    /// <summary>Instruments record as requests complete and the exporter caches a scrape briefly: ask until the text shows.</summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient client, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string text;
        do
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType ?? "");
            text = await response.Content.ReadAsStringAsync();
            if (text.Contains(expected)) return text;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"/metrics never showed {expected}:\n{text}");
    }
}
