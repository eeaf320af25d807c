namespace NewsPortal.Ingestion;

/// <summary>A command's product (a list, JSON lines) could not be written to standard output (<see cref="StandardOutput.Product"/>).</summary>
public sealed class StandardOutputException(IOException inner) : IOException(inner.Message, inner);
