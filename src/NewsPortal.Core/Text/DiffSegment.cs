namespace NewsPortal.Core.Text;

public enum DiffKind { Same, Deleted, Inserted }

/// <summary>One run of a diff (<see cref="TextDiff"/>): text both versions share, or text only the old or the new one has.</summary>
public sealed record DiffSegment(DiffKind Kind, string Text);
