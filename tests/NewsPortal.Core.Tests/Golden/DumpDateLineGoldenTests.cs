namespace NewsPortal.Core.Tests.Golden;

/// <summary>Real markdown feed dumps under <c>testdata/dumps/</c>, one per date-line shape, against the reviewed JSON beside each.</summary>
public sealed class DumpDateLineGoldenTests
{
    public static TheoryData<string> Dumps() =>
        new([.. Directory.EnumerateFiles(TestData.PathOf("dumps"), "*.txt").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)]);

    [Theory]
    [MemberData(nameof(Dumps))]
    public void Dump_parses_to_its_golden_json(string dump)
    {
        var result = NewsPortal.Core.Ingestion.ParserSelector.CreateDefault()
            .Parse(TestData.Bytes("dumps", dump), new NewsPortal.Core.Articles.InputOrigin(dump));

        GoldenFile.AssertMatches(Path.Combine("dumps", Path.GetFileNameWithoutExtension(dump) + ".expected.json"), GoldenFile.Serialize(result));
    }
}
