using System.Text;

namespace NewsPortal.Evaluation.Scoring;

/// <summary>
/// Body score against segment labels (trafilatura's <c>with</c>/<c>without</c>), counted the way
/// the shingle metric counts shingles: a <c>with</c> segment found in the prediction is a true
/// positive, one missing is a false negative, a <c>without</c> segment found is a false positive.
/// Recall = found with / all with; precision = found with / (found with + found without), 1 when
/// nothing is missing or wrong and 0 when nothing is found. "Found" is a substring test after NFKC
/// with all whitespace removed, so line breaks and spaces between CJK characters do not matter.
/// </summary>
public static class SegmentScore
{
    public static (double? Precision, double? Recall) Compare(IReadOnlyList<string> with, IReadOnlyList<string> without, string prediction)
    {
        var text = Squash(prediction);
        var found = with.Count(s => Found(text, s));
        var missing = with.Count - found;
        var wrong = without.Count(s => Found(text, s));
        double? recall = with.Count == 0 ? null : (double)found / with.Count;
        if (text.Length == 0) return (null, recall);
        double precision = wrong == 0 && missing == 0 ? 1 : found + wrong == 0 ? 0 : (double)found / (found + wrong);
        return (precision, recall);
    }

    private static bool Found(string text, string segment)
    {
        var squashed = Squash(segment);
        return squashed.Length > 0 && text.Contains(squashed, StringComparison.Ordinal);
    }

    private static string Squash(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(c)) builder.Append(c);
        }
        return builder.ToString();
    }
}
