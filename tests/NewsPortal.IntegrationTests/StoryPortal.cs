using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// The portal of <see cref="PortalFactory"/> (the two samples, one editor) with the story fixtures
/// ingested on top in one run: real feed dumps of three labelled events and one unrelated item
/// (testdata/stories/README.md). Every dump's only time is its capture line.
/// </summary>
public sealed class StoryPortal : IAsyncLifetime
{
    public static string Fixtures { get; } = Path.Combine(Repo.Root, "tests", "NewsPortal.IntegrationTests", "testdata", "stories");

    // dev-019: China sanctions 11 Americans, 10 Aug 2020; captured 08:39, 09:55 and 12:54 UTC.
    public const string SanctionsZaobao = "331_2f16484a9c42c5fa.txt";
    public const string SanctionsRfi = "353_a09661c48f132c70.txt";
    public const string SanctionsDw = "418_3b34581c9af7dce5.txt";
    // dev-024: China's July CPI, 10 Aug 2020; captured 02:21, 02:23 and 09:57 UTC.
    public const string CpiZaobao = "217_31f97b549a123725.txt";
    public const string CpiReuters = "218_202cc58663f6f1b7.txt";
    public const string CpiCna = "361_a58f903640695b72.txt";
    // dev-046: Shenzhen Airlines ZH9209, 9 Aug 2020; two 联合早报 reports a minute apart.
    public const string AirlinerFirst = "029_72f9da31f8807e7f.txt";
    public const string AirlinerSecond = "030_165a2901d77e942c.txt";
    // dev-094, a labelled singleton: New York moves to dissolve the NRA (德国之声).
    public const string Nra = "061_f8c08a6b7cdd9d6a.txt";

    public static readonly string[] Sanctions = [SanctionsZaobao, SanctionsRfi, SanctionsDw];
    public static readonly string[] Cpi = [CpiZaobao, CpiReuters, CpiCna];
    public static readonly string[] Airliner = [AirlinerFirst, AirlinerSecond];
    public static readonly string[] All = [.. Sanctions, .. Cpi, .. Airliner, Nra];

    public static string PathOf(string file) => Path.Combine(Fixtures, file);

    /// <summary>The fixtures' paths in name order (the order a folder's inputs are read in), without the folder's README.</summary>
    public static string[] Inputs { get; } = [.. All.Order(StringComparer.Ordinal).Select(PathOf)];

    public PortalFactory Portal { get; } = new();

    public TestDatabase Database => Portal.Database;

    public async Task InitializeAsync()
    {
        await Portal.InitializeAsync();
        await using var ingestion = new IngestionHost(Database);
        var counts = await ingestion.IngestAsync(Inputs);
        if (counts.New != All.Length) throw new InvalidOperationException($"story fixtures ingest: {counts}");
    }

    public Task DisposeAsync() => ((IAsyncLifetime)Portal).DisposeAsync();

    /// <summary>The article stored from the input named <paramref name="file"/>, wherever that input lay.</summary>
    public static async Task<long> IdOfAsync(TestDatabase database, string file)
    {
        await using var c = await database.DataSource.OpenConnectionAsync();
        return await c.QuerySingleAsync<long>(
            "SELECT id FROM articles WHERE right(input_path, length(@File) + 1) = '/' || @File", new { File = file });
    }

    /// <summary>The story of the article stored from <paramref name="file"/>; null when it has none.</summary>
    public static async Task<long?> StoryOfAsync(TestDatabase database, string file)
    {
        await using var c = await database.DataSource.OpenConnectionAsync();
        return await c.QuerySingleAsync<long?>(
            "SELECT story_id FROM articles WHERE right(input_path, length(@File) + 1) = '/' || @File", new { File = file });
    }

    public Task<long> IdOfAsync(string file) => IdOfAsync(Database, file);

    public async Task<long> StoryOfAsync(string file) =>
        await StoryOfAsync(Database, file) ?? throw new InvalidOperationException($"{file} has no story");
}
