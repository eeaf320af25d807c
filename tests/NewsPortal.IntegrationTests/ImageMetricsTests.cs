using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Web.Images;
using NewsPortal.Web.Metrics;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class ImageMetricsTests(ImageProxyFixture fixture) : IClassFixture<ImageProxyFixture>
{
    [Fact]
    public async Task Images_fetched_from_their_origin_are_counted_by_status_and_cached_ones_are_not()
    {
        using var recorded = new MeterRecorder(fixture.Portal.Services.GetRequiredService<IMeterFactory>(), PortalMetrics.MeterName);
        var signer = fixture.Portal.Services.GetRequiredService<ImageSigner>();
        var found = "/" + Guid.NewGuid().ToString("N") + ".jpg";
        var missing = "/" + Guid.NewGuid().ToString("N") + ".jpg";
        fixture.Origin.Handle(found, ImageProxyFixture.Serve(ImageProxyFixture.Jpeg));
        fixture.Origin.Handle(missing, context => { context.Response.StatusCode = StatusCodes.Status404NotFound; return Task.CompletedTask; });
        var client = fixture.Portal.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(signer.PathFor(fixture.Origin.Url(found)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(signer.PathFor(fixture.Origin.Url(found)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(signer.PathFor(fixture.Origin.Url(missing)))).StatusCode);

        Assert.Equal(1, recorded.Sum("newsportal.images.fetched", "status", 200));
        Assert.Equal(1, recorded.Sum("newsportal.images.fetched", "status", 404));
    }
}
