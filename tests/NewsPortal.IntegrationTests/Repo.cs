namespace NewsPortal.IntegrationTests;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    public static string TextDumpSample => Path.Combine(Samples, "000_004c24d0aad6edaa.txt");

    public static string FeedDumpSample => Path.Combine(Samples, "002_eb24c55ad338b572.txt");

    /// <summary>The input examples docs/formats.md shows, one file per layout.</summary>
    public static string FormatExamples => Path.Combine(Root, "tests", "NewsPortal.Core.Tests", "testdata", "formats");

    public const string TextDumpTitle = "解局:中俄两军高层十天内会谈两次,释放了什么信号?";

    public const string FeedDumpTitle = "普京会见张又侠，盛赞中俄高科技军事合作";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NewsPortal.sln"))) return dir.FullName;
        throw new InvalidOperationException("NewsPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
