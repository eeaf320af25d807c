namespace NewsPortal.Core.Storage;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending migrations at start (default). When false, a process refuses to start on an old schema.</summary>
    public bool Migrate { get; set; } = true;
}
