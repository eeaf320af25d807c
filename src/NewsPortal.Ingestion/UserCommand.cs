using NewsPortal.Core.Editors;
using NewsPortal.Core.Storage;

namespace NewsPortal.Ingestion;

/// <summary>
/// <c>user add NAME</c>: creates an editor account (or resets its password). The password comes
/// from <c>NEWSPORTAL_PASSWORD</c> or standard input, never from the command line, where other
/// users of the machine could read it.
/// </summary>
public sealed class UserCommand(EditorStore editors, EditorPasswords passwords)
{
    public const string PasswordVariable = "NEWSPORTAL_PASSWORD";

    /// <param name="readPassword">Where the password comes from when the environment variable is not set.</param>
    public async Task<int> RunAsync(IReadOnlyList<string> args, Func<string?> readPassword, TextWriter stdout, CancellationToken ct)
    {
        if (args.Count != 2 || args[0] != "add") throw new UsageException("usage: user add NAME");
        var name = args[1].Trim();
        if (name.Length is 0 or > 64 || name.Any(char.IsWhiteSpace)) throw new UsageException("NAME must be 1-64 characters without spaces");

        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password)) password = readPassword();
        if (string.IsNullOrEmpty(password) || password.Length < EditorPasswords.MinimumLength)
            throw new UsageException($"the password must have at least {EditorPasswords.MinimumLength} characters (from {PasswordVariable} or standard input)");

        var created = await editors.AddOrResetAsync(name, passwords.Hash(name, password), ct);
        stdout.WriteLine(created ? $"editor {name} created" : $"editor {name} exists: password reset");
        return 0;
    }

    /// <summary>A line from standard input; typed without echo (after a prompt) when it is a terminal.</summary>
    public static string? ReadFromConsole()
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine();
        Console.Write("Password: ");
        var chars = new List<char>();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (chars.Count > 0) chars.RemoveAt(chars.Count - 1); }
            else chars.Add(key.KeyChar);
        }
        Console.WriteLine();
        return new string([.. chars]);
    }
}
