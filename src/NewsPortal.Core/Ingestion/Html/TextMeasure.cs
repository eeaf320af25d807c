namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Counts that make text density comparable across scripts: one Han/kana/hangul character is one
/// token (as in the scoring metric), elsewhere a run of letters or digits is one token.
/// </summary>
internal static class TextMeasure
{
    public static bool IsCjk(char c) =>
        c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\u3040' and <= '\u30FF'
            or >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F';

    /// <summary>Punctuation that ends or splits a sentence: the mark of running prose, not of menus.</summary>
    public static bool IsProsePunctuation(char c) =>
        c is '，' or '。' or '；' or '：' or '！' or '？' or '、' or '“' or '”' or ',' or ';' or '!' or '?';

    public static TextCounts Count(string text)
    {
        int cjk = 0, words = 0, punct = 0, sentences = 0;
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsCjk(c))
            {
                cjk++;
                inWord = false;
            }
            else if (char.IsLetterOrDigit(c))
            {
                if (!inWord) words++;
                inWord = true;
            }
            else
            {
                inWord = false;
                var fullStop = c == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]));
                if (IsProsePunctuation(c) || fullStop) punct++;
                if (fullStop || c is '。' or '！' or '？' or '!' or '?') sentences++;
            }
        }
        return new TextCounts(cjk, words, punct, sentences);
    }

    /// <summary>Tokens of a whole string, as the scoring metric counts them.</summary>
    public static int Tokens(string text)
    {
        var counts = Count(text);
        return counts.Cjk + counts.Words;
    }

    /// <summary>True when the text ends like a sentence rather than like a label or a link.</summary>
    public static bool EndsLikeSentence(string text)
    {
        var trimmed = text.TrimEnd();
        if (trimmed.Length == 0) return false;
        var last = trimmed[^1];
        return last is '。' or '！' or '？' or '.' or '!' or '?' or '”' or '"' or '…' or '）' or ')' or '；';
    }
}

/// <summary>Han/kana/hangul characters, other word runs, prose punctuation and sentence ends in some text.</summary>
internal readonly record struct TextCounts(int Cjk, int Words, int Punctuation, int Sentences)
{
    public int Tokens => Cjk + Words;

    public static TextCounts operator +(TextCounts a, TextCounts b) =>
        new(a.Cjk + b.Cjk, a.Words + b.Words, a.Punctuation + b.Punctuation, a.Sentences + b.Sentences);
}
