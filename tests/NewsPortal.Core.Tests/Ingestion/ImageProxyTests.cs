using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

public sealed class ImageProxyTests
{
    [Theory]
    [InlineData("https://images.weserv.nl?url=gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl/?url=gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl/?url=https://gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl/?url=http://gdb.voanews.com/a.jpg", "http://gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl/?url=//gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("//images.weserv.nl/?url=gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://wsrv.nl/?url=gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://IMAGES.WESERV.NL/?url=gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl/?url=ssl:gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl/?url=SSL://gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://wsrv.nl/?url=ssl%3Agdb.voanews.com%2Fa.jpg&output=webp", "https://gdb.voanews.com/a.jpg")]
    public void Unwraps_the_original_url_with_or_without_scheme(string proxied, string original)
    {
        Assert.Equal(original, ImageProxy.Unwrap(proxied));
    }

    [Theory]
    [InlineData("https://images.weserv.nl/?url=https%3A%2F%2Fgdb.voanews.com%2Fa.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl/?url=gdb.voanews.com%2Fa%20b.jpg", "https://gdb.voanews.com/a%20b.jpg")]
    [InlineData("https://images.weserv.nl/?url=gdb.voanews.com/a.jpg%3Fx%3D1%26y%3D2", "https://gdb.voanews.com/a.jpg?x=1&y=2")]
    public void Decodes_a_url_encoded_target(string proxied, string original)
    {
        Assert.Equal(original, ImageProxy.Unwrap(proxied));
    }

    [Theory]
    [InlineData("https://images.weserv.nl/?url=gdb.voanews.com/a.jpg&w=900")]
    [InlineData("https://images.weserv.nl/?w=900&url=gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl/?w=900&url=gdb.voanews.com/a.jpg&h=600&fit=cover")]
    [InlineData("https://images.weserv.nl/?url=gdb.voanews.com/a.jpg&output=webp&q=80")]
    public void Ignores_the_proxy_resizing_parameters(string proxied)
    {
        Assert.Equal("https://gdb.voanews.com/a.jpg", ImageProxy.Unwrap(proxied));
    }

    [Theory]
    [InlineData("https://gdb.voanews.com/a.jpg")]
    [InlineData("https://example.com/?url=gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl.evil.example/?url=gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl/?w=900")]
    [InlineData("https://images.weserv.nl/?url=")]
    [InlineData("https://images.weserv.nl/?url=javascript:alert(1)")]
    [InlineData("not a url")]
    [InlineData("")]
    public void Returns_null_for_what_is_not_a_proxied_http_image(string url)
    {
        Assert.Null(ImageProxy.Unwrap(url));
    }

    [Theory]
    [InlineData("images.weserv.nl/?url=gdb.voanews.com/a.jpg", "https://images.weserv.nl/?url=gdb.voanews.com/a.jpg")]
    [InlineData("wsrv.nl?url=gdb.voanews.com/a.jpg", "https://wsrv.nl?url=gdb.voanews.com/a.jpg")]
    [InlineData("images.weserv.nl.jpg", "images.weserv.nl.jpg")]
    [InlineData("img/images.weserv.nl/a.jpg", "img/images.weserv.nl/a.jpg")]
    [InlineData("//images.weserv.nl/?url=a.jpg", "//images.weserv.nl/?url=a.jpg")]
    public void Gives_a_proxy_address_written_without_scheme_https(string src, string expected)
    {
        Assert.Equal(expected, ImageProxy.WithScheme(src));
    }
}
