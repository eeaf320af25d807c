namespace NewsPortal.Core.Text;

/// <summary>
/// How one predicted body text overlaps its reference, counted in 4-token shingles (multisets).
/// Precision is undefined (null) for an empty prediction and recall for an empty reference: the
/// corpus averages leave such pages out, as scrapinghub's article-extraction-benchmark does.
/// </summary>
public readonly record struct ShingleScore(int Overlap, int Predicted, int Reference)
{
    public double? Precision => Predicted == 0 ? null : (double)Overlap / Predicted;

    public double? Recall => Reference == 0 ? null : (double)Overlap / Reference;
}
