using System.Net;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class RequestConcurrencyTests(OpsPortal portal) : IClassFixture<OpsPortal>
{
    [Fact]
    public async Task Requests_over_the_limit_wait_their_turn_and_past_the_queue_are_answered_429_with_retry_after()
    {
        HoldController.Reset();
        var client = portal.Start(new LogCapture(), ("Requests:MaxConcurrent", "1"), ("Requests:MaxQueued", "1")).CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var held = client.GetAsync(HoldController.Path);
        await HoldController.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var waiting = client.GetAsync("/");
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted, "the second request waits for the one being answered");

        var refused = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        // The health checks never wait.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        HoldController.Release();
        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await waiting).StatusCode);
    }
}
