using System.Net;
using NewsPortal.Web.Images;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>The proxy's pure parts: which addresses are public, which bytes are images, how body images are rewritten.</summary>
public sealed class ImageRulesTests
{
    [Theory]
    [InlineData("93.184.216.34", null)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", null)]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.45.0.1", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "metadata")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "this network")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("::", "unspecified")]
    [InlineData("64:ff9b::a00:1", "private")]
    [InlineData("2002:c0a8:101::1", "private")]
    [InlineData("172.32.0.1", null)]
    public void Only_public_unicast_addresses_are_allowed(string address, string? refusal)
    {
        var reason = new AddressPolicy([]).Refusal(IPAddress.Parse(address), 80);
        if (refusal is null) Assert.Null(reason);
        else Assert.Contains(refusal, reason);
    }

    [Fact]
    public void The_test_switch_allows_loopback_only_on_its_ports()
    {
        var policy = new AddressPolicy([8080]);
        Assert.Null(policy.Refusal(IPAddress.Loopback, 8080));
        Assert.NotNull(policy.Refusal(IPAddress.Loopback, 8081));
        Assert.NotNull(policy.Refusal(IPAddress.Parse("10.0.0.1"), 8080));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, "image/gif")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, "image/webp")]
    [InlineData(new byte[] { 0, 0, 0, 0x1C, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'i', (byte)'f', (byte)'1', 0, 0, 0, 0, (byte)'m', (byte)'i', (byte)'f', (byte)'1', (byte)'a', (byte)'v', (byte)'i', (byte)'f', (byte)'m', (byte)'i', (byte)'a', (byte)'f' }, "image/avif")]
    [InlineData(new byte[] { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'p', (byte)'4', (byte)'2', 0, 0, 0, 0, (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'2' }, null)]
    [InlineData(new byte[] { (byte)'<', (byte)'s', (byte)'v', (byte)'g' }, null)]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E' }, null)]
    [InlineData(new byte[0], null)]
    public void Images_are_told_by_their_magic_bytes(byte[] bytes, string? type) => Assert.Equal(type, ImageFormat.Sniff(bytes));

    [Fact]
    public void Body_images_are_proxied_lazily_and_keep_alt_width_and_height()
    {
        var signer = new ImageSigner();
        signer.UseKey(new byte[32]);
        const string body = """<p>前文</p><figure><img src="https://example.com/a.jpg?x=1&amp;y=2" alt="a > b &quot;引号&quot;" width="640" height="360"><figcaption>图片说明文字</figcaption></figure><img src="data:image/png;base64,AA==">""";

        var html = new BodyImages(signer).Rewrite(body);

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var images = document.QuerySelectorAll("img");
        Assert.Equal(signer.PathFor("https://example.com/a.jpg?x=1&y=2"), images[0].GetAttribute("src"));
        Assert.Equal("a > b \"引号\"", images[0].GetAttribute("alt"));
        Assert.Equal("640", images[0].GetAttribute("width"));
        Assert.Equal("360", images[0].GetAttribute("height"));
        Assert.Equal("lazy", images[0].GetAttribute("loading"));
        Assert.Equal("data:image/png;base64,AA==", images[1].GetAttribute("src"));
        Assert.Equal("图片说明文字", document.QuerySelector("figcaption")?.TextContent);
        Assert.Equal("前文", document.QuerySelector("p")?.TextContent);
    }

    [Fact]
    public void A_signature_covers_the_width_and_the_url()
    {
        var signer = new ImageSigner();
        signer.UseKey(new byte[32]);
        var path = signer.PathFor("https://example.com/a.jpg", 240)!;
        var token = path[ImageSigner.PathPrefix.Length..path.IndexOf('?')];
        Assert.Equal("https://example.com/a.jpg", signer.Verify(token, 240));
        Assert.Null(signer.Verify(token, 0));
        Assert.Null(signer.Verify(token, 480));
        Assert.Null(signer.Verify("x" + token, 240));
        Assert.Null(signer.Verify(token[..^2], 240));
        Assert.Null(signer.PathFor("javascript:alert(1)"));
        Assert.Null(signer.PathFor("/relative.jpg"));
    }
}
