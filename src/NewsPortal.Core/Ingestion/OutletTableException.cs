namespace NewsPortal.Core.Ingestion;

/// <summary>An outlet table entry that cannot be used; the message names where it was written.</summary>
public sealed class OutletTableException(string message) : Exception(message);
