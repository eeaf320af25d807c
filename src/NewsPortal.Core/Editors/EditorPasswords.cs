using Microsoft.AspNetCore.Identity;

namespace NewsPortal.Core.Editors;

/// <summary>
/// The one place editor passwords are hashed and checked (ASP.NET Core Identity's PBKDF2 format),
/// shared by the command that creates accounts and the sign-in page.
/// </summary>
public sealed class EditorPasswords
{
    public const int MinimumLength = 8;

    private sealed record Account(string Name);

    private readonly PasswordHasher<Account> _hasher = new();

    public string Hash(string name, string password)
    {
        if (password.Length < MinimumLength) throw new ArgumentException($"A password needs at least {MinimumLength} characters.", nameof(password));
        return _hasher.HashPassword(new Account(name), password);
    }

    /// <summary>Whether the password matches; <paramref name="rehash"/> is set when the stored hash should be upgraded.</summary>
    public bool Verify(string name, string storedHash, string password, out string? rehash)
    {
        rehash = null;
        var result = _hasher.VerifyHashedPassword(new Account(name), storedHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded) rehash = _hasher.HashPassword(new Account(name), password);
        return result != PasswordVerificationResult.Failed;
    }
}
