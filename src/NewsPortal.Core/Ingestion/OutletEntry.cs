namespace NewsPortal.Core.Ingestion;

/// <summary>One host → outlet entry, with where it was written (for error messages).</summary>
public sealed record OutletEntry(string Host, string Name, string Source);
