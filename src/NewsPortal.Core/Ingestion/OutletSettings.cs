using Microsoft.Extensions.Configuration;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// The outlet table a host runs with: the built-in <c>outlets.tsv</c>, then the table file named by
/// <c>OutletsFile</c>, then the <c>Outlets</c> section (<c>appsettings.json</c>, or environment
/// variables such as <c>Outlets__example.com=示例网</c>); each later source wins for its hosts.
/// </summary>
public static class OutletSettings
{
    public const string Section = "Outlets";
    public const string FileKey = "OutletsFile";

    public static OutletDirectory Load(IConfiguration configuration)
    {
        var directory = OutletDirectory.Default;
        if (configuration[FileKey] is { Length: > 0 } path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutletTableException($"{FileKey} {path} cannot be read: {e.Message}");
            }
            directory = directory.With(OutletDirectory.ParseTable(text, path));
        }
        var section = configuration.GetSection(Section).GetChildren()
            .Select(child => new OutletEntry(child.Key,
                child.Value ?? throw new OutletTableException($"{Section}:{child.Key}: expected the outlet's name as a string"),
                $"{Section}:{child.Key}"));
        return directory.With(section);
    }
}
