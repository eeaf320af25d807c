using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapper;
using NewsPortal.Core.Ingestion;
using Npgsql;

namespace NewsPortal.Benchmarks;

/// <summary>
/// Story assignment on a labelled same-event set (the layout of ../shared/clusters-dev:
/// clusters.json and mddump/*.txt with *.expected.json): ingests the dumps with the real ingestion
/// service into a fresh database, then prints B-cubed precision, recall and F1 of the stories
/// against the labelled clusters, over all articles and per publication day, and the share of
/// single-event articles put into a story with another event. With <c>--date D</c> (repeatable) only
/// that UTC day's items are ingested: tune on one day, check on the other. <c>--batch-size N</c>
/// stores them in publication order, N a batch, as a polling portal would. <c>--verbose</c> lists
/// the stories that split or mix labelled clusters. <c>--labels-out DIR</c> writes the labels of the
/// items ingested (each cluster keeping only those members) in the same layout, so the sidebar
/// evaluator scores the web app on the same day's subset. Asserts nothing.
/// </summary>
internal static class StoryBenchmark
{
    private const string Database = "newsportal_story_bench";

    private sealed record Item(string File, string Url, string Title, DateTimeOffset Published, string Cluster, bool Singleton);

    /// <param name="batchSize">
    /// Null: the files in their set's order, in the service's batches of 500 (a day is one or two
    /// batches, where every article meets the batch's others). A number: in publication order, that
    /// many a batch, as a portal polling feeds stores them, where an article meets earlier ones only
    /// through the look-up of its keys.
    /// </param>
    public static async Task<int> RunAsync(string admin, string labelled, IReadOnlyList<string> dates, bool verbose, bool calibrate, int? batchSize = null, string? labelsOut = null)
    {
        var items = Load(labelled);
        if (dates.Count > 0) items = [.. items.Where(i => dates.Contains(Day(i.Published)))];
        if (labelsOut is not null) WriteLabels(labelled, labelsOut, [.. items.Select(i => i.File)]);
        var folder = Directory.CreateTempSubdirectory("newsportal-story-bench-").FullName;
        // The service reads a folder in name order: a time prefix makes that publication order.
        foreach (var item in items)
            File.Copy(item.File, Path.Combine(folder, batchSize is null ? Path.GetFileName(item.File)
                : $"{item.Published.UtcDateTime:yyyyMMddHHmmss}_{Path.GetFileName(item.File)}"));

        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
            await connection.ExecuteAsync($"CREATE DATABASE {Database}");
        }
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = Database }.ToString();
        var watch = Stopwatch.StartNew();
        var environment = new Dictionary<string, string> { ["Serilog__MinimumLevel__Default"] = "Warning" };
        if (batchSize is { } size) environment["Ingest__BatchSize"] = size.ToString(CultureInfo.InvariantCulture);
        using (var process = IngestBenchmark.StartIngestion(connectionString, environment, "ingest", folder))
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Console.WriteLine($"ingested {items.Count} items of {labelled} ({(dates.Count > 0 ? string.Join(", ", dates) : "all days")}" +
                $"{(batchSize is { } n ? $", in publication order, {n} a batch" : "")}) " +
                $"in {watch.Elapsed.TotalSeconds:F1} s: {(await stdout).Trim()}");
            if (process.ExitCode != 0) Console.Error.WriteLine((await stderr).Trim());
        }
        Directory.Delete(folder, recursive: true);

        List<(long Id, string IdentityKey, long? StoryId, string Title)> articles;
        await using (var connection = new NpgsqlConnection(connectionString))
            articles = [.. await connection.QueryAsync<(long, string, long?, string)>("SELECT id, identity_key, story_id, title FROM articles ORDER BY id")];
        var calibration = calibrate ? await StoryCalibration.LoadAsync(connectionString) : null;
        var byKey = articles.ToDictionary(a => a.IdentityKey);
        // One row per stored article: copies of one URL are one article.
        var rows = new Dictionary<long, (Item Item, long Story)>();
        var missing = 0;
        foreach (var item in items)
        {
            if (ArticleIdentity.NormalizeUrl(item.Url) is not { } url || !byKey.TryGetValue("url:" + url, out var a) || a.StoryId is null) missing++;
            else rows.TryAdd(a.Id, (item, a.StoryId.Value));
        }
        if (missing > 0) Console.WriteLine($"{missing} items not found as articles with a story");
        var all = rows.Values.ToList();
        Print("all", all);
        foreach (var day in all.Select(r => Day(r.Item.Published)).Distinct().Order())
            Print($"published {day}", [.. all.Where(r => Day(r.Item.Published) == day)]);
        if (verbose) Explain(all);
        calibration?.Print(rows.ToDictionary(r => r.Key, r => r.Value.Item.Cluster));
        return 0;
    }

    private static void Print(string label, List<(Item Item, long Story)> rows)
    {
        double precision = 0, recall = 0;
        var byStory = rows.ToLookup(r => r.Story);
        var byCluster = rows.ToLookup(r => r.Item.Cluster);
        foreach (var (item, story) in rows)
        {
            var same = byStory[story].Count(r => r.Item.Cluster == item.Cluster);
            precision += (double)same / byStory[story].Count();
            recall += (double)same / byCluster[item.Cluster].Count();
        }
        precision /= rows.Count;
        recall /= rows.Count;
        var singletons = rows.Where(r => r.Item.Singleton).ToList();
        var joined = singletons.Count(s => byStory[s.Story].Any(r => r.Item.Cluster != s.Item.Cluster));
        var multi = rows.Where(r => !r.Item.Singleton).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {rows.Count} articles in {byStory.Count} stories; B-cubed precision {precision:F3}, recall {recall:F3}, " +
            $"F1 {2 * precision * recall / (precision + recall):F3}; single-event articles put with another event " +
            $"{joined} of {singletons.Count} ({100.0 * joined / Math.Max(1, singletons.Count):F1} %); " +
            $"multi-article-event articles alone {multi.Count(m => byStory[m.Story].Count() == 1)} of {multi.Count}"));
    }

    private static void Explain(List<(Item Item, long Story)> rows)
    {
        var byStory = rows.ToLookup(r => r.Story);
        Console.WriteLine("\nlabelled events split over stories:");
        foreach (var cluster in rows.Where(r => !r.Item.Singleton).GroupBy(r => r.Item.Cluster).OrderBy(g => g.Key))
        {
            var stories = cluster.GroupBy(r => r.Story).ToList();
            if (stories.Count == 1 && byStory[stories[0].Key].Count() == cluster.Count()) continue;
            Console.WriteLine($"  {cluster.Key}:");
            foreach (var s in stories)
                Console.WriteLine($"    story {s.Key} ({byStory[s.Key].Count()} articles): {string.Join(" | ", s.Select(r => Short(r.Item)))}");
        }
        Console.WriteLine("\nstories mixing events:");
        foreach (var story in byStory.Where(s => s.Select(r => r.Item.Cluster).Distinct().Count() > 1))
        {
            Console.WriteLine($"  story {story.Key}:");
            foreach (var r in story) Console.WriteLine($"    {(r.Item.Singleton ? "single " : r.Item.Cluster)} {Short(r.Item)}");
        }
    }

    /// <summary>
    /// The labels of the chosen items: every cluster keeps the members among them (a cluster left
    /// without any is dropped), copies sets likewise; the dumps and their expected files are copied.
    /// The evaluator counts an event by the distinct articles it holds, so a cluster left with one
    /// article is a singleton there.
    /// </summary>
    private static void WriteLabels(string labelled, string output, HashSet<string> files)
    {
        Directory.CreateDirectory(Path.Combine(output, "mddump"));
        using var clusters = JsonDocument.Parse(File.ReadAllText(Path.Combine(labelled, "clusters.json")));
        var kept = new List<Dictionary<string, object?>>();
        foreach (var cluster in clusters.RootElement.EnumerateArray())
        {
            var members = cluster.GetProperty("members").EnumerateArray().Select(m => m.GetString()!)
                .Where(m => files.Contains(Path.Combine(labelled, m))).ToList();
            if (members.Count == 0) continue;
            var copies = cluster.TryGetProperty("same_item_sets", out var sets) && sets.ValueKind == JsonValueKind.Array
                ? sets.EnumerateArray().Select(s => s.EnumerateArray().Select(m => m.GetString()!).Where(members.Contains).ToList())
                    .Where(s => s.Count > 1).ToList()
                : [];
            kept.Add(new()
            {
                ["cluster_id"] = cluster.GetProperty("cluster_id").GetString(),
                ["singleton"] = members.Count - copies.Sum(s => s.Count - 1) < 2,
                ["members"] = members,
                ["same_item_sets"] = copies,
            });
            foreach (var member in members)
            {
                var source = Path.Combine(labelled, member);
                File.Copy(source, Path.Combine(output, member), overwrite: true);
                File.Copy(Path.ChangeExtension(source, ".expected.json"), Path.Combine(output, Path.ChangeExtension(member, ".expected.json")), overwrite: true);
            }
        }
        File.WriteAllText(Path.Combine(output, "clusters.json"), JsonSerializer.Serialize(kept));
    }

    private static string Short(Item item) => $"{Path.GetFileName(item.File)[..3]} {item.Title}";

    private static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<Item> Load(string labelled)
    {
        using var clusters = JsonDocument.Parse(File.ReadAllText(Path.Combine(labelled, "clusters.json")));
        var items = new List<Item>();
        foreach (var cluster in clusters.RootElement.EnumerateArray())
        {
            var id = cluster.GetProperty("cluster_id").GetString()!;
            var singleton = cluster.GetProperty("singleton").GetBoolean();
            foreach (var member in cluster.GetProperty("members").EnumerateArray())
            {
                var file = Path.Combine(labelled, member.GetString()!);
                using var expected = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(file, ".expected.json")));
                var e = expected.RootElement;
                items.Add(new Item(file, e.GetProperty("url").GetString()!, e.GetProperty("title").GetString()!,
                    DateTimeOffset.Parse(e.GetProperty("published").GetString()!, CultureInfo.InvariantCulture), id, singleton));
            }
        }
        return items;
    }
}
