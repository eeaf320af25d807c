using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Text;

namespace NewsPortal.Ingestion;

/// <summary>One item of an input, named as failures and logs name it: the write the store needs, or why there is none.</summary>
internal sealed record StagedItem(string Where, ArticleWrite? Write, string? Error);

/// <summary>
/// One parsed input with the per-item work the store needs (identity key, content hash,
/// similarity sketch, near-duplicate signature) already done, so that it runs on the parsing threads and not on the writer's.
/// The raw bytes stay with it until its items are stored: a failure is recorded with them.
/// </summary>
internal sealed record StagedInput(byte[]? Raw, IReadOnlyList<StagedItem> Items, string? Charset = null)
{
    /// <summary>
    /// The items of <paramref name="result"/> (only item <paramref name="onlyItem"/> when given) under
    /// <paramref name="name"/>: the name alone for a single-article input, <c>NAME#N</c> for item N of a
    /// multi-item one (a feed file), so failures and re-runs can point at one item. <paramref name="modifiedAt"/>
    /// is the modification time of the file read, if one was: it orders copies of one article (<see cref="ArticleVersion"/>).
    /// </summary>
    public static StagedInput Of(string name, ParseResult result, byte[]? raw, int? onlyItem, long runId, string? charset = null, DateTimeOffset? modifiedAt = null)
    {
        if (!result.Succeeded)
            return new(raw, [new StagedItem(onlyItem is { } n ? $"{name}#{n}" : name, null, $"{result.Format}: {result.Error}")], charset);
        var items = new List<StagedItem>(onlyItem is null ? result.Items.Count : 1);
        for (var i = 0; i < result.Items.Count; i++)
        {
            if (onlyItem is { } only && only != i + 1) continue;
            var where = result.Items.Count == 1 && onlyItem is null ? name : $"{name}#{i + 1}";
            var item = result.Items[i];
            items.Add(item.Article is { } article
                ? Prepare(where, article, result.Format, runId, modifiedAt)
                : new StagedItem(where, null, $"{result.Format}: {item.Error}"));
        }
        return new(raw, items, charset);
    }

    private static StagedItem Prepare(string where, Core.Articles.ParsedArticle article, string format, long runId, DateTimeOffset? modifiedAt)
    {
        try
        {
            return new(where, new ArticleWrite(article, null, ArticleIdentity.KeyOf(article), ArticleIdentity.ContentHashOf(article),
                where, format, runId,
                NearDuplicateSignature.Compute(article.BodyText), Core.Stories.StoryFeatures.Compute(article.Title, article.BodyText), modifiedAt), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug met by one item must not stop the run; the input is kept for a re-run after the fix.
            return new(where, null, $"{format}: internal error: {e.GetType().Name}: {e.Message}");
        }
    }
}
