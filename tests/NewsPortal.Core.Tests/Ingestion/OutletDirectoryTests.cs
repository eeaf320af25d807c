using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

/// <summary>The host → outlet table: its built-in data, lookups, and what operators lay over it.</summary>
public sealed class OutletDirectoryTests
{
    private const string VoaDump = "[普京会见张又侠](https://www.voachinese.com/a/7346943.html)\n---\n\n<p>正文。</p>\n";

    private static ParsedArticle ParseDump(OutletDirectory outlets, string text = VoaDump) =>
        ParserSelector.Create(outlets).Parse(Encoding.UTF8.GetBytes(text), new InputOrigin("dump.md")).Article!;

    [Theory]
    [InlineData("https://www.voachinese.com/a/1.html", "美国之音", "voachinese.com")]
    [InlineData("https://voachinese.com/a/1.html", "美国之音", "voachinese.com")]
    [InlineData("https://m.voachinese.com/a/1.html", "美国之音", "voachinese.com")]
    [InlineData("https://editions.www.voachinese.com/a/1.html", "美国之音", "voachinese.com")]
    [InlineData("http://opinion.people.com.cn/n1/2024/0527/c1003-40243612.html", "人民网", "people.com.cn")]
    [InlineData("https://www.zaobao.com.sg/news/china/story1", "联合早报", "zaobao.com.sg")]
    [InlineData("https://WWW.NEWS.CN/politics/c.html", "新华网", "news.cn")]
    public void Subdomains_match_their_registered_parent(string url, string name, string host)
    {
        Assert.Equal((name, host), OutletDirectory.Default.Find(url));
    }

    [Theory]
    [InlineData("https://www.example.org/a.html")]
    [InlineData("https://voachinese.com.evil.example/a.html")]
    [InlineData("https://notvoachinese.com/a.html")]
    [InlineData("https://com/a.html")]
    [InlineData("not a url")]
    [InlineData(null)]
    public void Unknown_hosts_are_not_found(string? url)
    {
        Assert.Null(OutletDirectory.Default.Find(url));
    }

    [Fact]
    public void A_dump_from_an_unknown_host_is_named_by_its_host()
    {
        var article = ParseDump(OutletDirectory.Default, "[标题](https://www.example.org/news/1.html)\n---\n\n<p>正文。</p>\n");

        Assert.Null(article.OutletName);
        Assert.Equal("example.org", article.OutletHost);
    }

    [Fact]
    public void The_built_in_table_is_the_embedded_data_file()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "NewsPortal.Core", "Ingestion", "outlets.tsv"));
        Assert.Equal(lines.Count(l => l.Trim().Length > 0 && !l.StartsWith('#')), OutletDirectory.Default.Entries.Count);
        Assert.Equal("美国之音", OutletDirectory.Default.Entries["voachinese.com"]);
        Assert.Equal("自由亚洲电台", OutletDirectory.Default.Entries["rfa.org"]);
    }

    [Fact]
    public void An_override_changes_the_outlet_of_a_dump_item()
    {
        var outlets = OutletDirectory.Default.With([new OutletEntry("voachinese.com", "VOA 中文网", "test")]);

        var article = ParseDump(outlets);

        Assert.Equal("VOA 中文网", article.OutletName);
        Assert.Equal("voachinese.com", article.OutletHost);
        Assert.Equal("美国之音", ParseDump(OutletDirectory.Default).OutletName); // the default is untouched
    }

    [Fact]
    public void An_added_subdomain_wins_over_its_parent()
    {
        var outlets = OutletDirectory.Default.With([new OutletEntry("opinion.people.com.cn", "人民网观点", "test")]);

        Assert.Equal(("人民网观点", "opinion.people.com.cn"), outlets.Find("http://opinion.people.com.cn/n1/1.html"));
        Assert.Equal(("人民网", "people.com.cn"), outlets.Find("http://world.people.com.cn/n1/1.html"));
    }

    [Fact]
    public void An_empty_name_removes_a_built_in_entry()
    {
        var outlets = OutletDirectory.Default.With([new OutletEntry("voachinese.com", "", "test")]);

        var article = ParseDump(outlets);

        Assert.Null(article.OutletName);
        Assert.Equal("voachinese.com", article.OutletHost);
    }

    [Theory]
    [InlineData("WWW.Example.com.", "example.com")]
    [InlineData(" example.com ", "example.com")]
    [InlineData("news.example.com", "news.example.com")]
    public void Hosts_are_normalised_as_operators_write_them(string written, string host)
    {
        var outlets = OutletDirectory.Default.With([new OutletEntry(written, "示例网", "test")]);

        Assert.Equal("示例网", outlets.Entries[host]);
    }

    [Theory]
    [InlineData("https://example.com/", "\"https://example.com/\" is not a host name")]
    [InlineData("example.com/news", "is not a host name")]
    [InlineData("", "is not a host name")]
    public void A_value_that_is_not_a_host_is_refused_naming_where_it_was_written(string host, string message)
    {
        var e = Assert.Throws<OutletTableException>(() => OutletDirectory.Default.With([new OutletEntry(host, "示例网", "Outlets:x")]));

        Assert.StartsWith("Outlets:x: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Reads_a_table_file_with_comments_and_blank_lines()
    {
        var entries = OutletDirectory.ParseTable("# local outlets\n\nexample.com\t示例网\r\nnews.example.org\t示例新闻\n", "local.tsv");

        Assert.Equal([new OutletEntry("example.com", "示例网", "local.tsv, line 3"), new OutletEntry("news.example.org", "示例新闻", "local.tsv, line 4")], entries);
    }

    [Fact]
    public void A_table_line_without_a_tab_is_refused_with_its_line_number()
    {
        var e = Assert.Throws<OutletTableException>(() => OutletDirectory.ParseTable("example.com\t示例网\nexample.org 示例\n", "local.tsv"));

        Assert.Contains("local.tsv, line 2", e.Message);
        Assert.Contains("example.org 示例", e.Message);
    }

    [Fact]
    public void The_same_table_names_outlets_of_feed_items_and_text_dumps()
    {
        var outlets = OutletDirectory.Default.With([new OutletEntry("example.com", "示例网", "test")]);
        var selector = ParserSelector.Create(outlets);
        const string rss = "<rss version=\"2.0\"><channel><title>Example</title><item><title>标题</title><link>https://news.example.com/1.html</link><description>正文。</description></item></channel></rss>";
        var textDump = File.ReadAllBytes(TestData.PathOf("formats", "text-dump.txt"));

        var feedItem = selector.Parse(Encoding.UTF8.GetBytes(rss), new InputOrigin("feed.xml")).Items[0].Article!;
        var fromUrl = selector.Parse(textDump, new InputOrigin("a.txt", Url: "https://www.example.com/a.html")).Article!;
        var operatorSaid = selector.Parse(textDump, new InputOrigin("a.txt", Url: "https://www.example.com/a.html", OutletName: "另一个名字")).Article!;

        Assert.Equal(("示例网", "example.com"), (feedItem.OutletName, feedItem.OutletHost));
        Assert.Equal(("示例网", "example.com"), (fromUrl.OutletName, fromUrl.OutletHost));
        Assert.Equal("另一个名字", operatorSaid.OutletName);
    }

    [Fact]
    public void Configuration_lays_a_table_file_then_the_outlets_section_over_the_built_in_table()
    {
        var file = Path.Combine(Path.GetTempPath(), $"outlets-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(file, "example.com\t文件里的名字\nexample.org\t示例组织\n");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [OutletSettings.FileKey] = file,
                ["Outlets:example.com"] = "示例网",
                ["Outlets:rfa.org"] = "",
            }).Build();

            var outlets = OutletSettings.Load(configuration);

            Assert.Equal("示例网", outlets.Entries["example.com"]);
            Assert.Equal("示例组织", outlets.Entries["example.org"]);
            Assert.False(outlets.Entries.ContainsKey("rfa.org"));
            Assert.Equal("美国之音", outlets.Entries["voachinese.com"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_missing_table_file_is_an_error_naming_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [OutletSettings.FileKey] = "/nonexistent/outlets.tsv",
        }).Build();

        var e = Assert.Throws<OutletTableException>(() => OutletSettings.Load(configuration));

        Assert.Contains("OutletsFile /nonexistent/outlets.tsv cannot be read", e.Message);
    }

    [Fact]
    public void The_parsers_registered_for_the_hosts_use_the_configured_table()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outlets:voachinese.com"] = "VOA 中文网",
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddNewsPortalCore(configuration).BuildServiceProvider();

        var article = services.GetRequiredService<ParserSelector>().Parse(Encoding.UTF8.GetBytes(VoaDump), new InputOrigin("dump.md")).Article!;

        Assert.Equal("VOA 中文网", article.OutletName);
    }

    [Theory]
    [InlineData("https://auto.sohu.com/a/1.html", "sohu.com")]
    [InlineData("https://news.bbc.co.uk/2/hi/1.stm", "bbc.co.uk")]
    [InlineData("https://www.oregonlive.com/news/2019/1.html", "oregonlive.com")]
    [InlineData("https://m.news.example.com.br/x", "example.com.br")]
    [InlineData("https://stevenhgm.pixnet.net/blog/post/1", "stevenhgm.pixnet.net")]
    [InlineData("https://sibenlab.blogspot.com/p/privacy.html", "sibenlab.blogspot.com")]
    [InlineData("http://127.0.0.1:8080/a", "127.0.0.1")]
    public void An_unknown_host_is_its_registrable_domain_but_a_platforms_subdomain_is_its_own(string url, string host)
    {
        Assert.Equal(host, OutletDirectory.HostOf(url));
    }

    [Theory]
    [InlineData("https://www.hawaiinewsnow.com", "Hawaii News Now", "Hawaii News Now")]
    [InlineData("hawaiinewsnow.com", null, null)]
    [InlineData("www.oregonlive.com", "oregonlive", "oregonlive")]
    [InlineData("  ", "Le Monde", "Le Monde")]
    [InlineData("Ars Technica", "x", "Ars Technica")]
    [InlineData("Tagesspiegel.de Online", null, "Tagesspiegel.de Online")]
    public void An_address_is_never_an_outlets_name(string first, string? second, string? expected)
    {
        Assert.Equal(expected, OutletDirectory.PlausibleName(first, second));
    }

    [Fact]
    public void A_page_from_a_subdomain_of_a_known_outlet_is_that_outlet()
    {
        Assert.Equal(("搜狐", "sohu.com"), OutletDirectory.Default.Find("https://auto.sohu.com/20190101/n1.shtml"));
    }
}
