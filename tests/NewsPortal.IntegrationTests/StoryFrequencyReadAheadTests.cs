using Dapper;
using NewsPortal.Core.Stories;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>Document frequencies read ahead of a batch (StoryFrequencyBuffer.ReadAheadAsync) against those it reads itself.</summary>
public sealed class StoryFrequencyReadAheadTests
{
    private static readonly int[] Terms = [1, 2, 3, 4];

    // The IDF each term has for a batch loaded now, after the run's held counts were written.
    private static async Task<double[]> LoadedAfterWriteAsync(TestDatabase db, bool readAhead)
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("""
            TRUNCATE story_term_df;
            INSERT INTO story_term_df (term, df) VALUES (1, 5), (2, 7);
            UPDATE story_corpus SET documents = 100;
            """);
        var buffer = new StoryFrequencyBuffer();
        buffer.Add(new Dictionary<int, int> { [1] = 1, [3] = 2 }, 2);
        if (readAhead)
        {
            await using var other = await db.DataSource.OpenConnectionAsync();
            await buffer.ReadAheadAsync(other, Terms, CancellationToken.None);
        }
        // Between the read ahead and the batch's load, the held counts are written and committed.
        await using (var writer = await db.DataSource.OpenConnectionAsync())
            await buffer.FlushAsync(writer, CancellationToken.None);
        await using var tx = await c.BeginTransactionAsync();
        var loaded = await StoryTermFrequencies.LoadAsync(c, tx, Terms, StorySettings.Default, buffer, CancellationToken.None);
        return [.. Terms.Select(loaded.Idf)];
    }

    [Fact]
    public async Task A_batch_sees_the_counts_it_would_have_read_itself_with_a_write_committed_in_between_counted_once()
    {
        await using var db = await TestDatabase.CreateAsync();
        var itself = await LoadedAfterWriteAsync(db, readAhead: false);
        var ahead = await LoadedAfterWriteAsync(db, readAhead: true);

        Assert.Equal(itself, ahead);
        // 102 documents: term 1 held by 5 + 1, term 2 by 7, term 3 by the run's 2, term 4 by none.
        Assert.Equal(new[] { 6, 7, 2, 0 }.Select(df => StorySettings.Default.Idf(102, df)), ahead);
    }
}
