namespace NewsPortal.Evaluation.Scoring;

/// <summary>How many of the labelled pages a metadata field matched on.</summary>
public readonly record struct Share(int Matched, int Labelled)
{
    public static Share Of(IEnumerable<bool?> matches)
    {
        var labelled = matches.Where(m => m.HasValue).ToList();
        return new Share(labelled.Count(m => m == true), labelled.Count);
    }

    public override string ToString() =>
        Labelled == 0 ? "–" : $"{100.0 * Matched / Labelled:0}% ({Matched}/{Labelled})";
}
