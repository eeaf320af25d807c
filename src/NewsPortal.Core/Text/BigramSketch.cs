namespace NewsPortal.Core.Text;

/// <summary>
/// A bottom-k MinHash sketch over an article's tokens: character bigrams for CJK text (Chinese has
/// no spaces, and bigrams carry most of its word meaning), lower-cased words for other scripts.
/// Two sketches estimate the Jaccard similarity of the full token sets, and fit in a GIN-indexed
/// integer array so candidates can be found without scanning every article.
/// </summary>
public static class BigramSketch
{
    public const int Size = 128;

    public static int[] Compute(string title, string body)
    {
        var hashes = new HashSet<int>();
        // The title counts twice: a second, salted copy of its tokens gives it weight in the sketch.
        AddTokens(title, hashes, salt: 0x9E3779B9);
        AddTokens(title, hashes, salt: 0);
        AddTokens(body, hashes, salt: 0);
        return Smallest(hashes);
    }

    // The Size smallest hashes in order. A max-heap of the smallest seen so far turns most hashes
    // away with one comparison; sorting all of them (thousands a body) cost more than collecting them.
    internal static int[] Smallest(HashSet<int> hashes)
    {
        if (hashes.Count <= Size)
        {
            var all = hashes.ToArray();
            Array.Sort(all);
            return all;
        }
        var heap = new int[Size];
        var count = 0;
        foreach (var hash in hashes)
        {
            if (count < Size)
            {
                // Sift up.
                var i = count++;
                while (i > 0 && heap[(i - 1) / 2] < hash)
                {
                    heap[i] = heap[(i - 1) / 2];
                    i = (i - 1) / 2;
                }
                heap[i] = hash;
            }
            else if (hash < heap[0])
            {
                // Replace the largest kept, then sift down.
                var i = 0;
                while (true)
                {
                    var child = 2 * i + 1;
                    if (child >= Size) break;
                    if (child + 1 < Size && heap[child + 1] > heap[child]) child++;
                    if (heap[child] <= hash) break;
                    heap[i] = heap[child];
                    i = child;
                }
                heap[i] = hash;
            }
        }
        Array.Sort(heap);
        return heap;
    }

    /// <summary>Estimated Jaccard similarity of the two token sets (0 to 1).</summary>
    public static double Similarity(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        // The k smallest of the union; the share of them that both sketches hold estimates |A∩B|/|A∪B|.
        int i = 0, j = 0, taken = 0, shared = 0;
        var k = Math.Min(Size, Math.Max(a.Count, b.Count));
        while (taken < k && (i < a.Count || j < b.Count))
        {
            if (j >= b.Count || (i < a.Count && a[i] < b[j])) i++;
            else if (i >= a.Count || b[j] < a[i]) j++;
            else { shared++; i++; j++; }
            taken++;
        }
        return taken == 0 ? 0 : (double)shared / taken;
    }

    private static void AddTokens(string text, HashSet<int> hashes, uint salt)
    {
        var previousHan = '\0';
        var word = new char[64];
        var length = 0;
        foreach (var raw in text)
        {
            // CJK characters have no case (and no other character lower-cases into them), so only
            // the others go through char.ToLowerInvariant, an ICU call each.
            if (IsCjk(raw))
            {
                FlushWord(word, ref length, hashes, salt);
                if (previousHan != '\0') hashes.Add(Hash(previousHan, raw, salt));
                previousHan = raw;
            }
            else
            {
                var c = char.ToLowerInvariant(raw);
                previousHan = '\0';
                if (!char.IsLetterOrDigit(c)) FlushWord(word, ref length, hashes, salt);
                else
                {
                    if (length == word.Length) Array.Resize(ref word, length * 2);
                    word[length++] = c;
                }
            }
        }
        FlushWord(word, ref length, hashes, salt);
    }

    private static void FlushWord(char[] word, ref int length, HashSet<int> hashes, uint salt)
    {
        if (length >= 2) hashes.Add(Hash(word.AsSpan(0, length), salt));
        length = 0;
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf' or >= '\u3040' and <= '\u30ff' or >= '\uac00' and <= '\ud7af';

    // The same hash as of the two-character string, without making the string.
    private static int Hash(char a, char b, uint salt) => unchecked((int)Step(Step(2166136261u ^ salt, a), b));

    // FNV-1a: stable across processes and runtimes, unlike string.GetHashCode.
    private static int Hash(ReadOnlySpan<char> token, uint salt)
    {
        var hash = 2166136261u ^ salt;
        foreach (var c in token) hash = Step(hash, c);
        return unchecked((int)hash);
    }

    private static uint Step(uint hash, char c)
    {
        hash = (hash ^ (c & 0xFFu)) * 16777619u;
        return (hash ^ ((uint)c >> 8)) * 16777619u;
    }
}
