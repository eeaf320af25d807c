using System.Security.Cryptography;
using System.Text;

namespace NewsPortal.Evaluation.Corpus;

/// <summary>
/// Which half of the corpus a site belongs to. Rules are tuned on the tuning half and judged on the
/// check half; the split is by site (<see cref="SiteKey"/>), fixed by a hash of the site key so it
/// does not move when pages are added, and independent of how well any page scores.
/// </summary>
public static class CorpusHalf
{
    public const string Tuning = "tuning";
    public const string Check = "check";

    public static string Of(string site) => (SHA256.HashData(Encoding.UTF8.GetBytes(site))[0] & 1) == 0 ? Tuning : Check;
}
