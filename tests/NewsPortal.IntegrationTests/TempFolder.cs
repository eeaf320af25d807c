namespace NewsPortal.IntegrationTests;

/// <summary>A folder of input files for one test, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "newsportal-test-" + Guid.NewGuid().ToString("N")[..12]);

    private DateTime _lastWritten;

    /// <summary>
    /// Writes a file. Each file written is given a later modification time than the one before: a
    /// file system's clock may give two quick writes the same time, and copies of one article
    /// without times of their own are ordered by their files' times (docs/operations.md).
    /// </summary>
    public string Write(string name, byte[] bytes)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(file, bytes);
        var now = DateTime.UtcNow;
        _lastWritten = now > _lastWritten ? now : _lastWritten.AddMilliseconds(1);
        File.SetLastWriteTimeUtc(file, _lastWritten);
        return file;
    }

    public string Write(string name, string text) => Write(name, System.Text.Encoding.UTF8.GetBytes(text));

    public string Copy(string source, string? name = null) => Write(name ?? System.IO.Path.GetFileName(source), File.ReadAllBytes(source));

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
