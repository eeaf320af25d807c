using System.Security.Cryptography;
using System.Text;

namespace NewsPortal.Core.Text;

public static class ContentHash
{
    /// <summary>Hex SHA-256 of the given parts, each separated so that ("ab","c") differs from ("a","bc").</summary>
    public static string Of(params string?[] parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part ?? ""));
            hash.AppendData([0]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
