using NewsPortal.Core.Polling;
using Xunit;

namespace NewsPortal.Core.Tests.Polling;

public sealed class FeedListOpmlTests
{
    [Fact]
    public void A_written_list_reads_back_the_same()
    {
        OpmlFeed[] feeds =
        [
            new("https://a.example.com/rss?x=1&y=2", "甲报", TimeSpan.FromMinutes(15)),
            new("https://b.example.com/atom.xml", null, TimeSpan.FromHours(2)),
        ];

        var opml = FeedListOpml.Write(feeds, "NewsPortal feeds", DateTimeOffset.UnixEpoch);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", opml);
        Assert.Equal(feeds, FeedListOpml.Read(opml));
    }

    [Fact]
    public void Feeds_in_folders_are_read_and_outlines_without_a_feed_address_are_not()
    {
        const string opml = """
            <opml version="1.0"><head><title>Reader export</title></head><body>
              <outline text="新闻">
                <outline type="rss" text="示例日报" xmlUrl="https://c.example.com/feed" htmlUrl="https://c.example.com/"/>
                <outline type="rss" text="no scheme" xmlUrl="ftp://d.example.com/feed"/>
              </outline>
              <outline type="rss" title="Title wins" text="text" xmlUrl=" https://e.example.com/rss "/>
            </body></opml>
            """;

        Assert.Equal(
            [new OpmlFeed("https://c.example.com/feed", "示例日报", null), new OpmlFeed("https://e.example.com/rss", "Title wins", null)],
            FeedListOpml.Read(opml));
    }

    [Theory]
    [InlineData("<rss version=\"2.0\"><channel/></rss>")]
    [InlineData("not xml at all")]
    [InlineData("<!DOCTYPE opml [<!ENTITY x \"boom\">]><opml><body><outline xmlUrl=\"https://a.example.com/&x;\"/></body></opml>")]
    public void What_is_not_an_OPML_document_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => FeedListOpml.Read(text));
    }
}
