using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace NewsPortal.Benchmarks;

/// <summary>
/// Writes a deterministic (seeded) inbox of the inputs the portal ingests: about half the items as
/// markdown feed dumps (one file each, like samples/002_*.txt: capture epoch, <c>[title](url)</c>
/// heading, date line, HTML with weserv-proxied images and captions), half as feed files of 20–100
/// items — RSS 2.0 (some GBK-encoded), Atom and JSON Feed. About one dump in a hundred is an item
/// an archiver captured again later (same item, a later capture time): the first run finds those
/// unchanged, and a second run over the same files finds everything unchanged.
/// </summary>
internal sealed class NewsCorpusGenerator
{
    private sealed record Outlet(string Name, string Host, string ImageHost);

    private static readonly Outlet[] Outlets =
    [
        new("美国之音", "www.voachinese.com", "gdb.voanews.com"), new("自由亚洲电台", "www.rfa.org", "www.rfa.org/resizer"),
        new("BBC中文", "www.bbc.com", "ichef.bbci.co.uk/news/800"), new("德国之声", "www.dw.com", "static.dw.com/image"),
        new("法国国际广播电台", "www.rfi.fr", "s.rfi.fr/media"), new("纽约时报中文网", "cn.nytimes.com", "static01.nyt.com/images"),
        new("新华网", "www.news.cn", "www.news.cn/photo"), new("人民网", "world.people.com.cn", "paper.people.com.cn/img"),
        new("中国新闻网", "www.chinanews.com.cn", "i2.chinanews.com.cn/simg"), new("环球网", "world.huanqiu.com", "rs.huanqiucdn.cn/dp/api/files/image"),
        new("观察者网", "www.guancha.cn", "i.guancha.cn/news"), new("澎湃新闻", "www.thepaper.cn", "imagecloud.thepaper.cn/thepaper/image"),
        new("联合早报", "www.zaobao.com.sg", "cassette.sphdigital.com.sg/image/zaobao"), new("新浪新闻", "news.sina.com.cn", "n.sinaimg.cn/news"),
        new("网易新闻", "www.163.com", "nimg.ws.126.net"), new("南方周末", "www.infzm.com", "images.infzm.com/medias"),
        new("财新网", "www.caixin.com", "img.caixin.com"), new("第一财经", "www.yicai.com", "imgcdn.yicai.com/uppics"),
        new("界面新闻", "www.jiemian.com", "img3.jiemian.com/101/original"), new("新京报", "www.bjnews.com.cn", "img.bjnews.com.cn/wwwpage"),
        new("凤凰网", "news.ifeng.com", "d.ifengimg.com/w800"), new("端传媒", "theinitium.com", "d32kak7w9u5ewj.cloudfront.net/media"),
        new("明报", "news.mingpao.com", "fs.mingpao.com/pns"), new("中央社", "www.cna.com.tw", "imgcdn.cna.com.tw/www/webphotos"),
    ];

    private static readonly DateTimeOffset Epoch = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Random _random;
    private readonly ChineseNewsText _text;
    private readonly List<(Story Story, string Html)> _dumped = [];
    private int _nextId;

    public NewsCorpusGenerator(int seed)
    {
        _random = new Random(seed);
        _text = new ChineseNewsText(_random);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public sealed record Summary(int Items, int Files, int DumpFiles, int FeedFiles, int Recaptured, long Bytes);

    /// <summary>Writes <paramref name="items"/> items into <paramref name="folder"/>, files named in the order they were made.</summary>
    public Summary Write(string folder, int items)
    {
        Directory.CreateDirectory(folder);
        int written = 0, files = 0, dumps = 0, feeds = 0, repeated = 0;
        long bytes = 0;
        while (written < items)
        {
            string name;
            byte[] content;
            int count;
            // One file in sixty is a feed (60 items on average): half the items come from each kind.
            if (_random.Next(61) == 0 && items - written >= 20)
            {
                count = Math.Min(items - written, _random.Next(20, 101));
                (name, content) = Feed(files, count);
                feeds++;
            }
            else
            {
                count = 1;
                var again = _dumped.Count > 0 && _random.Next(100) == 0;
                (name, content) = Dump(files, again ? _dumped[_random.Next(_dumped.Count)] : null);
                if (again) repeated++;
                dumps++;
            }
            File.WriteAllBytes(Path.Combine(folder, name), content);
            bytes += content.Length;
            written += count;
            files++;
        }
        return new Summary(written, files, dumps, feeds, repeated, bytes);
    }

    private sealed record Story(int Id, string Url, string Title, Outlet Outlet, DateTimeOffset Published, IReadOnlyList<string> Paragraphs,
        IReadOnlyList<(string Image, string Caption)> Images, string Byline, string Section);

    private Story NewStory(Outlet? outlet = null)
    {
        var id = ++_nextId;
        outlet ??= Outlets[_random.Next(Outlets.Length)];
        var published = Epoch.AddMinutes(_random.Next(0, 2 * 365 * 24 * 60)).AddSeconds(_random.Next(60));
        var url = $"https://{outlet.Host}/{_text.Pick(["a", "news", "world", "article", "gb"])}/{published:yyyyMMdd}/{7_000_000 + id}.html";
        var imageCount = _random.Next(10) switch { < 3 => 0, < 7 => 1, < 9 => 2, _ => 3 };
        var images = Enumerable.Range(0, imageCount)
            .Select(_ => ($"{outlet.ImageHost}/{Guid(_random)}_w900.jpg", _text.Caption())).ToList();
        return new Story(id, url, _text.Title(), outlet, published, _text.Paragraphs(), images, _text.Byline(), _text.Section());
    }

    private static string Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new System.Guid(bytes).ToString();
    }

    private static string Proxied(string image) => "https://images.weserv.nl?url=" + image;

    // The item HTML feed archivers keep: images with a grey <small> caption after them, paragraphs
    // as <br /><br /> runs inside a few <p> elements.
    private string ItemHtml(Story s)
    {
        var html = new StringBuilder();
        var images = new Queue<(string Image, string Caption)>(s.Images);
        var paragraphs = s.Paragraphs.Select(WebUtility.HtmlEncode).ToList();
        for (var i = 0; i < paragraphs.Count;)
        {
            if (images.TryDequeue(out var image))
                html.Append($"<img src=\"{Proxied(image.Image)}\" width=\"100%\"><div><small style=\"color: #999;\">{WebUtility.HtmlEncode(image.Caption)}</small></div>");
            var take = Math.Min(paragraphs.Count - i, _random.Next(1, 5));
            html.Append("<p>").Append(string.Join("<br /><br />", paragraphs.Skip(i).Take(take))).Append("</p>");
            i += take;
        }
        return html.ToString();
    }

    private (string Name, byte[] Content) Dump(int sequence, (Story Story, string Html)? earlier)
    {
        var (s, html) = earlier ?? (NewStory(), "");
        if (earlier is null)
        {
            html = ItemHtml(s);
            // Archivers recapture recent items: keep the last thousand or so to draw from.
            if (_dumped.Count < 1000) _dumped.Add((s, html));
            else _dumped[_random.Next(_dumped.Count)] = (s, html);
        }
        var captured = s.Published.AddMinutes(_random.Next(5, earlier is null ? 600 : 6000));
        var text = $"""
            <!--{captured.ToUnixTimeMilliseconds()}-->
            [{s.Title}]({s.Url})
            ------

            <div><i>{s.Published.ToString("r", CultureInfo.InvariantCulture)}</i></div>{html}

            """;
        return ($"{sequence:000000}_{s.Outlet.Host}.txt", Encoding.UTF8.GetBytes(text));
    }

    private (string Name, byte[] Content) Feed(int sequence, int count)
    {
        var outlet = Outlets[_random.Next(Outlets.Length)];
        var stories = Enumerable.Range(0, count).Select(_ => NewStory(outlet)).ToList();
        return _random.Next(10) switch
        {
            < 3 => ($"{sequence:000000}_{outlet.Host}.atom.xml", Encoding.UTF8.GetBytes(Atom(outlet, stories))),
            < 5 => ($"{sequence:000000}_{outlet.Host}.feed.json", Encoding.UTF8.GetBytes(JsonFeed(outlet, stories))),
            < 7 => ($"{sequence:000000}_{outlet.Host}.gbk.rss.xml", Encoding.GetEncoding("GBK").GetBytes(Rss(outlet, stories, "GBK"))),
            _ => ($"{sequence:000000}_{outlet.Host}.rss.xml", Encoding.UTF8.GetBytes(Rss(outlet, stories, "UTF-8"))),
        };
    }

    private string Rss(Outlet outlet, List<Story> stories, string encoding)
    {
        var xml = new StringBuilder($"""
            <?xml version="1.0" encoding="{encoding}"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>{outlet.Name}</title><link>https://{outlet.Host}/</link><language>zh-cn</language>
            """);
        foreach (var s in stories)
        {
            xml.Append($"""
                <item><title>{WebUtility.HtmlEncode(s.Title)}</title><link>{s.Url}</link><guid isPermaLink="false">{outlet.Host}-{s.Id}</guid>
                <pubDate>{s.Published.ToString("r", CultureInfo.InvariantCulture)}</pubDate><dc:creator>{s.Byline}</dc:creator><category>{s.Section}</category>
                <description><![CDATA[<p>{WebUtility.HtmlEncode(s.Paragraphs[0])}</p>]]></description>
                <content:encoded><![CDATA[{ItemHtml(s)}]]></content:encoded></item>

                """);
        }
        return xml.Append("</channel></rss>\n").ToString();
    }

    private string Atom(Outlet outlet, List<Story> stories)
    {
        var xml = new StringBuilder($"""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><title>{outlet.Name}</title>
            <link href="https://{outlet.Host}/"/><id>https://{outlet.Host}/</id><updated>{stories.Max(s => s.Published):yyyy-MM-ddTHH:mm:ssZ}</updated>
            """);
        foreach (var s in stories)
        {
            xml.Append($"""
                <entry><title>{WebUtility.HtmlEncode(s.Title)}</title><link href="{s.Url}"/><id>{s.Url}</id>
                <published>{s.Published:yyyy-MM-ddTHH:mm:ssZ}</published><updated>{s.Published.AddMinutes(_random.Next(0, 90)):yyyy-MM-ddTHH:mm:ssZ}</updated>
                <author><name>{s.Byline}</name></author><category term="{s.Section}"/>
                <content type="html">{WebUtility.HtmlEncode(ItemHtml(s))}</content></entry>

                """);
        }
        return xml.Append("</feed>\n").ToString();
    }

    private string JsonFeed(Outlet outlet, List<Story> stories) => JsonSerializer.Serialize(new
    {
        version = "https://jsonfeed.org/version/1.1",
        title = outlet.Name,
        home_page_url = $"https://{outlet.Host}/",
        language = "zh-CN",
        items = stories.Select(s => new
        {
            id = s.Url,
            url = s.Url,
            title = s.Title,
            content_html = ItemHtml(s),
            date_published = s.Published.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            authors = new[] { new { name = s.Byline } },
            tags = new[] { s.Section },
        }).ToList(),
    }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
