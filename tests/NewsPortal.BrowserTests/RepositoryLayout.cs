namespace NewsPortal.BrowserTests;

/// <summary>
/// Where the built apps, the samples and the screenshots are, found from the test assembly's own
/// path: <c>&lt;repo&gt;/tests/NewsPortal.BrowserTests/bin/&lt;Configuration&gt;/&lt;tfm&gt;/</c>.
/// </summary>
public sealed class RepositoryLayout
{
    private RepositoryLayout(string root, string configuration, string targetFramework, string outputDirectory)
    {
        Root = root;
        Configuration = configuration;
        TargetFramework = targetFramework;
        OutputDirectory = outputDirectory;
    }

    public string Root { get; }

    public string Configuration { get; }

    public string TargetFramework { get; }

    /// <summary>The test assembly's folder; screenshots go below it.</summary>
    public string OutputDirectory { get; }

    public string SamplesDirectory => Path.Combine(Root, "samples");

    /// <summary>Seven outlets' accounts of one event (China's sanctions on 11 Americans, 10 August 2020), from the labelled same-event set.</summary>
    public string StoryFixtureDirectory => Path.Combine(Root, "tests", "NewsPortal.BrowserTests", "testdata", "stories");

    public string WebContentRoot => Path.Combine(Root, "src", "NewsPortal.Web");

    public string IngestionDll => AppDll("NewsPortal.Ingestion");

    public string WebDll => AppDll("NewsPortal.Web");

    public string ScreenshotDirectory => Path.Combine(OutputDirectory, "screenshots");

    public static RepositoryLayout Discover()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        // The apps are built with the same configuration and framework as this test project.
        var configuration = output.Parent;
        if (configuration?.Parent?.Name != "bin")
        {
            throw new InvalidOperationException(
                $"Expected the test assembly under bin/<Configuration>/<tfm>/, but it runs from {output.FullName}.");
        }

        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "NewsPortal.sln"))) root = root.Parent;
        if (root is null)
        {
            throw new InvalidOperationException($"No folder above {output.FullName} contains NewsPortal.sln.");
        }

        return new RepositoryLayout(root.FullName, configuration.Name, output.Name, output.FullName);
    }

    /// <summary>The path of a built app, or a failure saying which build is missing.</summary>
    public string RequireBuilt(string dll)
    {
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException(
                $"{dll} does not exist. Build the solution first: dotnet build NewsPortal.sln -c {Configuration}");
        }
        return dll;
    }

    private string AppDll(string project) =>
        Path.Combine(Root, "src", project, "bin", Configuration, TargetFramework, project + ".dll");
}
