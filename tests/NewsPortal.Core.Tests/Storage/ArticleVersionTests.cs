using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Storage;

namespace NewsPortal.Core.Tests.Storage;

public sealed class ArticleVersionTests
{
    private static readonly DateTimeOffset Published = new(2024, 11, 8, 17, 30, 0, TimeSpan.FromHours(8));

    private static ArticleVersion Copy(string title, string path, DateTimeOffset? updated = null, DateTimeOffset? captured = null, DateTimeOffset? modified = null)
    {
        var article = new ParsedArticle
        {
            Title = title, Url = "https://www.thepaper.cn/newsDetail_forward_29305123", PublishedAt = Published, UpdatedAt = updated,
            CapturedAt = captured, BodyHtml = "<p>正文。</p>", BodyText = "正文。",
        };
        return ArticleVersion.Of(new ArticleWrite(article, null, ArticleIdentity.KeyOf(article), ArticleIdentity.ContentHashOf(article),
            path, "test", null, InputModifiedAt: modified));
    }

    [Fact]
    public void A_later_update_time_wins_whichever_copy_is_stored()
    {
        var first = Copy("标题", "/a/feed.xml");
        var revised = Copy("标题（更新）", "/b/feed.xml", updated: Published.AddHours(3));

        Assert.True(revised.Replaces(first));
        Assert.False(first.Replaces(revised));
    }

    [Fact]
    public void The_capture_time_comes_before_the_file_time()
    {
        var capturedLater = Copy("标题", "/a/item.txt", captured: Published.AddDays(1), modified: Published.AddDays(1));
        var copiedLater = Copy("标题（旧）", "/b/item.txt", captured: Published.AddHours(1), modified: Published.AddDays(30));

        Assert.True(capturedLater.Replaces(copiedLater));
        Assert.False(copiedLater.Replaces(capturedLater));
    }

    [Fact]
    public void Copies_alike_in_every_time_are_ordered_by_their_hash_one_way_only()
    {
        var a = Copy("甲", "/a/item.txt");
        var b = Copy("乙", "/b/item.txt");

        Assert.NotEqual(a.Replaces(b), b.Replaces(a));
        Assert.False(a.Replaces(a with { InputPath = "/c/item.txt" }));
    }

    [Fact]
    public void The_same_input_read_again_with_new_content_replaces_it_unless_it_is_older()
    {
        var stored = Copy("甲", "/feeds/a.xml#1");

        Assert.True(Copy("乙", "/feeds/a.xml#1").Replaces(stored)); // a silent edit: no time moved
        Assert.True(Copy("甲", "/feeds/a.xml#1").Replaces(stored with { ContentHash = "another" }));
        Assert.False(Copy("甲", "/feeds/a.xml#1").Replaces(stored)); // the same content
        Assert.False(Copy("乙", "/feeds/a.xml#1", captured: Published).Replaces(stored with { CapturedAt = Published.AddHours(1) }));
    }

    [Fact]
    public void A_newer_copy_of_the_same_content_replaces_nothing_but_is_newer()
    {
        var stored = Copy("甲", "/a/item.txt", captured: Published);
        var recaptured = Copy("甲", "/b/item.txt", captured: Published.AddHours(2));

        Assert.False(recaptured.Replaces(stored));
        Assert.True(recaptured.IsNewerThan(stored));
    }

    [Fact]
    public void A_missing_time_comes_before_any_time()
    {
        var undated = Copy("甲", "/a/page.html");
        var dated = Copy("乙", "/b/page.html", modified: new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.True(dated.IsNewerThan(undated));
        Assert.False(undated.IsNewerThan(dated));
    }

    [Fact]
    public void Times_are_compared_to_the_microsecond_the_database_keeps()
    {
        var modified = new DateTimeOffset(2024, 11, 9, 6, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        var read = Copy("甲", "/a/item.txt", modified: modified);
        var storedBack = read with { ModifiedAt = modified.AddTicks(-7) }; // as PostgreSQL gives it back

        Assert.False(read.IsNewerThan(storedBack));
        Assert.False(storedBack.IsNewerThan(read));
    }
}
