namespace NewsPortal.Core.Storage;

public sealed class SchemaOutOfDateException(string message) : Exception(message);
