using NewsPortal.Core.Editors;
using NewsPortal.Core.Storage;

namespace NewsPortal.Ingestion;

/// <summary>
/// Editor accounts: <c>user add NAME</c> (refuses a taken name), <c>passwd</c>, <c>disable</c>,
/// <c>enable</c>, <c>remove</c> (an account without history), <c>list</c>. A password comes
/// from <c>NEWSPORTAL_PASSWORD</c> or standard input, never from the command line, where other
/// users of the machine could read it.
/// </summary>
public sealed class UserCommand(EditorStore editors, EditorPasswords passwords)
{
    public const string PasswordVariable = "NEWSPORTAL_PASSWORD";

    public const string Usage = "usage: user add NAME | user passwd NAME | user disable NAME | user enable NAME | user remove NAME | user list";

    /// <param name="readPassword">Where the password comes from when the environment variable is not set.</param>
    /// <returns>0 done, 1 refused (a taken name, no such editor, an account with history to remove).</returns>
    public async Task<int> RunAsync(IReadOnlyList<string> args, Func<string?> readPassword, TextWriter stdout, CancellationToken ct)
    {
        if (args is ["list"])
        {
            foreach (var e in await editors.ListAsync(ct))
                stdout.WriteLine($"{e.Name}\t{(e.DisabledAt is null ? "active" : "disabled")}\tcreated {e.CreatedAt:yyyy-MM-dd}\t{e.Revisions} revision(s)");
            return 0;
        }
        if (args.Count != 2 || args[0] is not ("add" or "passwd" or "disable" or "enable" or "remove")) throw new UsageException(Usage);
        var name = args[1].Trim();
        if (name.Length is 0 or > 64 || name.Any(char.IsWhiteSpace)) throw new UsageException("NAME must be 1-64 characters without spaces");

        switch (args[0])
        {
            case "add":
                if (await editors.AddAsync(name, passwords.Hash(name, ReadPassword(readPassword)), ct))
                {
                    stdout.WriteLine($"editor {name} created");
                    return 0;
                }
                stdout.WriteLine($"editor {name} exists: nothing changed (user passwd {name} sets a new password)");
                return 1;
            case "passwd":
                return Done(await editors.ResetPasswordAsync(name, passwords.Hash(name, ReadPassword(readPassword)), ct),
                    $"editor {name}: password set; its sessions end at their next request");
            case "disable":
                return Done(await editors.SetDisabledAsync(name, disabled: true, ct), $"editor {name} disabled; its sessions end at their next request");
            case "enable":
                return Done(await editors.SetDisabledAsync(name, disabled: false, ct), $"editor {name} enabled");
            default:
                var outcome = await editors.RemoveAsync(name, ct);
                if (outcome == EditorStore.RemoveOutcome.HasHistory)
                {
                    stdout.WriteLine($"editor {name} has edits in the history, which must keep saying who made them: use user disable {name}");
                    return 1;
                }
                return Done(outcome == EditorStore.RemoveOutcome.Removed, $"editor {name} removed");
        }

        int Done(bool found, string message)
        {
            stdout.WriteLine(found ? message : $"no editor named {name}");
            return found ? 0 : 1;
        }
    }

    private static string ReadPassword(Func<string?> readPassword)
    {
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password)) password = readPassword();
        if (string.IsNullOrEmpty(password) || password.Length < EditorPasswords.MinimumLength)
            throw new UsageException($"the password must have at least {EditorPasswords.MinimumLength} characters (from {PasswordVariable} or standard input)");
        return password;
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
