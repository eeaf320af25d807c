using System.Numerics;
using System.Runtime.InteropServices;

namespace NewsPortal.Core.Text;

/// <summary>
/// What recognises the same text arriving twice (a repost on another site, a dump and a scraped page
/// of it): a MinHash signature of the body's shingles (<see cref="NearDuplicateShingles"/>), a second
/// one of its opening shingles only, and LSH band keys over both so that candidates are found by an
/// indexed array overlap, not a scan. Whole-text bands find copies with chrome added or some
/// paragraphs dropped or moved; opening bands find a truncated (展开全文-folded) copy, whose whole-text
/// Jaccard similarity is only its share of the original. <see cref="IsDuplicateOf"/> verifies a
/// candidate. Thresholds were chosen from measurements described in docs/deduplication.md.
/// </summary>
public sealed record NearDuplicateSignature(int[] Minima, int[] LeadMinima, int ShingleCount)
{
    public const int Hashes = 128;
    public const int Rows = 4;
    public const int Bands = Hashes / Rows;
    public const int LeadHashes = 32;
    public const int LeadBands = LeadHashes / Rows;
    /// <summary>The opening: the first this many distinct shingles (about as many characters or words).</summary>
    public const int LeadShingles = 60;
    /// <summary>Fewer letters than this (a headline, a one-line brief) is too little text to call two items one.</summary>
    public const int MinimumLetters = 200;

    /// <summary>Estimated Jaccard similarity of the whole texts at or above which they are one text.</summary>
    public const double MinimumJaccard = 0.5;
    /// <summary>For a shorter copy: the share of its opening the other's opening holds, and of its whole text.</summary>
    public const double MinimumLeadContainment = 0.8;
    public const double MinimumContainment = 0.6;

    /// <summary>No signature: too little text to be linked on text alone.</summary>
    public static NearDuplicateSignature None { get; } = new([], [], 0);

    public bool IsLinkable => ShingleCount > 0;

    public static NearDuplicateSignature Compute(string bodyText)
    {
        var (shingles, letters) = NearDuplicateShingles.Of(bodyText);
        if (letters < MinimumLetters || shingles.Length == 0) return None;
        return new(MinHash(shingles, Hashes, seedOffset: 0), MinHash(shingles.AsSpan(0, Math.Min(LeadShingles, shingles.Length)), LeadHashes, seedOffset: Hashes), shingles.Length);
    }

    /// <summary>Keys of the whole-text bands, then of the opening's bands; empty for an unlinkable text.</summary>
    public long[] BandKeys()
    {
        if (!IsLinkable) return [];
        var keys = new long[Bands + LeadBands];
        for (var b = 0; b < Bands; b++) keys[b] = BandKey(Minima, b, kind: 1);
        for (var b = 0; b < LeadBands; b++) keys[Bands + b] = BandKey(LeadMinima, b, kind: 2);
        return keys;
    }

    /// <summary>How alike two signatures are; zero when either text is too short.</summary>
    public NearDuplicateSimilarity CompareWith(NearDuplicateSignature other)
    {
        if (!IsLinkable || !other.IsLinkable) return new(0, 0, 0);
        var jaccard = Agreement(Minima, other.Minima);
        var lead = Containment(Agreement(LeadMinima, other.LeadMinima), Math.Min(LeadShingles, ShingleCount), Math.Min(LeadShingles, other.ShingleCount));
        return new(jaccard, Containment(jaccard, ShingleCount, other.ShingleCount), lead);
    }

    // |A∩B| = J(|A|+|B|)/(1+J): the Jaccard estimate and the exact set sizes give the shared
    // shingles, and so the share of the smaller set that the larger one holds.
    private static double Containment(double jaccard, int sizeA, int sizeB) =>
        Math.Min(1, jaccard * (sizeA + sizeB) / (1 + jaccard) / Math.Min(sizeA, sizeB));

    /// <summary>True when this text is the same as <paramref name="other"/>'s, whole or cut short.</summary>
    public bool IsDuplicateOf(NearDuplicateSignature other) => CompareWith(other).IsDuplicate;

    private static double Agreement(int[] a, int[] b)
    {
        if (a.Length == 0 || a.Length != b.Length) return 0;
        var same = 0;
        for (var i = 0; i < a.Length; i++) if (a[i] == b[i]) same++;
        return (double)same / a.Length;
    }

    private static int[] MinHash(ReadOnlySpan<ulong> shingles, int count, int seedOffset)
    {
        // Vector lanes each run one hash function: all of them cost about what a few would scalar.
        // Counts are multiples of 16, so they split into whole vectors on every instruction set.
        var lanes = Vector<uint>.Count;
        var seeds = MemoryMarshal.Cast<uint, Vector<uint>>(Seeds.AsSpan(seedOffset, count));
        var minima = new Vector<uint>[count / lanes];
        Array.Fill(minima, new Vector<uint>(uint.MaxValue));
        foreach (var shingle in shingles)
        {
            var x = new Vector<uint>((uint)shingle ^ (uint)(shingle >> 32));
            for (var v = 0; v < minima.Length; v++)
            {
                // xor with the function's seed, then murmur3's finalizer: a different permutation of
                // the 32-bit values for each seed, so each function orders the shingles its own way.
                var h = x ^ seeds[v];
                h ^= Vector.ShiftRightLogical(h, 16);
                h *= 0x85EBCA6Bu;
                h ^= Vector.ShiftRightLogical(h, 13);
                h *= 0xC2B2AE35u;
                h ^= Vector.ShiftRightLogical(h, 16);
                minima[v] = Vector.Min(minima[v], h);
            }
        }
        return [.. MemoryMarshal.Cast<Vector<uint>, int>(minima)];
    }

    private static long BandKey(int[] minima, int band, ulong kind)
    {
        var key = NearDuplicateShingles.Mix((kind << 32) | (uint)band);
        for (var r = 0; r < Rows; r++) key = NearDuplicateShingles.Mix(key ^ (uint)minima[band * Rows + r]);
        return unchecked((long)key);
    }

    // Fixed seeds: signatures stored today must compare with those computed next year.
    private static readonly uint[] Seeds = MakeSeeds(Hashes + LeadHashes);

    private static uint[] MakeSeeds(int count)
    {
        var seeds = new uint[count];
        var state = 0x4E65617244757021UL;
        for (var i = 0; i < count; i++) seeds[i] = (uint)NearDuplicateShingles.Mix(state += 0x9E3779B97F4A7C15UL);
        return seeds;
    }
}

/// <summary>
/// Estimated Jaccard similarity of the whole texts, and the estimated share of the shorter text
/// (of its opening) that the longer one (its opening) holds.
/// </summary>
public readonly record struct NearDuplicateSimilarity(double Jaccard, double Containment, double LeadContainment)
{
    /// <summary>Alike as wholes, or one is the other cut short: the same opening, and mostly held by it.</summary>
    public bool IsDuplicate =>
        Jaccard >= NearDuplicateSignature.MinimumJaccard
        || (LeadContainment >= NearDuplicateSignature.MinimumLeadContainment && Containment >= NearDuplicateSignature.MinimumContainment);
}
