namespace NewsPortal.Evaluation.Corpus;

/// <summary>Text segments that must appear in the extracted body (<c>with</c>) and boilerplate that must not (<c>without</c>).</summary>
public sealed record BodySegments(IReadOnlyList<string> With, IReadOnlyList<string> Without);
