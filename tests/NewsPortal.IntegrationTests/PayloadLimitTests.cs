using System.Net;
using System.Text;
using Serilog.Events;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class PayloadLimitTests(OpsPortal portal) : IClassFixture<OpsPortal>
{
    [Theory]
    [InlineData(10, true)]
    [InlineData(40, true)]
    // Without Content-Length the size shows only while the form is read.
    [InlineData(10, false)]
    public async Task A_form_post_over_the_limit_answers_413_with_a_warning_naming_the_limit_and_the_app_keeps_serving(int megabytes, bool withLength)
    {
        var log = new LogCapture();
        var client = portal.Start(log).CreateClient();
        var token = (await client.GetDocumentAsync("/editor/login")).AntiforgeryToken();
        var form = "__RequestVerificationToken=" + Uri.EscapeDataString(token) + "&name=editor&password=" + new string('a', megabytes << 20);
        HttpContent content = withLength
            ? new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded")
            : new StreamContent(new UnseekableStream(Encoding.ASCII.GetBytes(form)));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        var response = await client.PostAsync("/editor/login", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("太大", await response.Content.ReadAsStringAsync());
        var warning = await log.WaitForAsync(e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.Contains("413"), "a warning for the 413");
        Assert.Contains("4194304", warning.RenderMessage());
        Assert.Equal("/editor/login", ((ScalarValue)warning.Properties["RequestPath"]).Value);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/editor/login")).StatusCode);
    }

    [Fact]
    public async Task A_form_post_under_the_limit_is_read_as_before()
    {
        var client = portal.Start(new LogCapture()).CreateClient();
        var token = (await client.GetDocumentAsync("/editor/login")).AntiforgeryToken();

        var response = await client.PostAsync("/editor/login", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("name", "nobody"), new("password", new string('a', 1 << 20))]));

        // The form was read: the name and password were checked (and refused).
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("用户名或密码不正确", await response.Content.ReadAsStringAsync());
    }

    /// <summary>A body whose length the client cannot know beforehand: sent chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
