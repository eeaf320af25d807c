using NewsPortal.Core.Audit;
using NewsPortal.Core.Editors;
using NewsPortal.Core.Storage;

namespace NewsPortal.Ingestion;

/// <summary>
/// Desk accounts: <c>user add NAME [--role admin|editor]</c> (editor unless told; refuses a taken
/// name), <c>passwd</c>, <c>role NAME R</c>, <c>disable</c>, <c>enable</c>, <c>remove</c> (an
/// account without history), <c>list</c>. A password comes from <c>NEWSPORTAL_PASSWORD</c> or
/// standard input, never from the command line, where other users of the machine could read it.
/// Every change is written to the audit log as done from the command line.
/// </summary>
public sealed class UserCommand(EditorStore editors, EditorPasswords passwords, AuditStore audit)
{
    public const string PasswordVariable = "NEWSPORTAL_PASSWORD";

    public const string Usage = "usage: user add NAME [--role admin|editor] | user passwd NAME | user role NAME admin|editor | user disable NAME | user enable NAME | user remove NAME | user list";

    /// <param name="readPassword">Where the password comes from when the environment variable is not set.</param>
    /// <returns>0 done, 1 refused (a taken name, no such editor, an account with history to remove).</returns>
    public async Task<int> RunAsync(IReadOnlyList<string> args, Func<string?> readPassword, TextWriter stdout, CancellationToken ct)
    {
        if (args is ["list"])
        {
            foreach (var e in await editors.ListAsync(ct))
                stdout.WriteLine($"{e.Name}\t{e.Role}\t{(e.DisabledAt is null ? "active" : "disabled")}\tcreated {e.CreatedAt:yyyy-MM-dd}\t{e.Revisions} revision(s)");
            return 0;
        }
        var role = args switch
        {
            ["add", _] => EditorRoles.Editor,
            ["add", _, "--role", var r] => KnownRole(r),
            ["role", _, var r] => KnownRole(r),
            [_, _] when args[0] is "passwd" or "disable" or "enable" or "remove" => null,
            _ => throw new UsageException(Usage),
        };
        var name = args[1].Trim();
        if (name.Length is 0 or > 64 || name.Any(char.IsWhiteSpace)) throw new UsageException("NAME must be 1-64 characters without spaces");

        switch (args[0])
        {
            case "add":
                if (await editors.AddAsync(name, passwords.Hash(name, ReadPassword(readPassword)), role!, ct))
                {
                    await AuditAsync(AuditActions.AccountAdded, name, new() { ["role"] = role }, ct);
                    stdout.WriteLine($"editor {name} created ({role})");
                    return 0;
                }
                stdout.WriteLine($"editor {name} exists: nothing changed (user passwd {name} sets a new password, user role {name} its role)");
                return 1;
            case "role":
                var before = await editors.SetRoleAsync(name, role!, ct);
                if (before is not null && before != role) await AuditAsync(AuditActions.AccountRoleChanged, name, new() { ["from"] = before, ["to"] = role }, ct);
                return Done(before is not null, before == role ? $"editor {name} is already {role}" : $"editor {name} is now {role}; its sessions end at their next request");
            case "passwd":
                return await DoneAsync(await editors.ResetPasswordAsync(name, passwords.Hash(name, ReadPassword(readPassword)), ct),
                    AuditActions.AccountPasswordReset, $"editor {name}: password set; its sessions end at their next request");
            case "disable":
                return await DoneAsync(await editors.SetDisabledAsync(name, disabled: true, ct), AuditActions.AccountDisabled,
                    $"editor {name} disabled; its sessions end at their next request");
            case "enable":
                return await DoneAsync(await editors.SetDisabledAsync(name, disabled: false, ct), AuditActions.AccountEnabled, $"editor {name} enabled");
            default:
                var outcome = await editors.RemoveAsync(name, ct);
                if (outcome == EditorStore.RemoveOutcome.HasHistory)
                {
                    stdout.WriteLine($"editor {name} has edits in the history, which must keep saying who made them: use user disable {name}");
                    return 1;
                }
                return await DoneAsync(outcome == EditorStore.RemoveOutcome.Removed, AuditActions.AccountRemoved, $"editor {name} removed");
        }

        async Task<int> DoneAsync(bool found, string action, string message)
        {
            if (found) await AuditAsync(action, name, [], ct);
            return Done(found, message);
        }

        int Done(bool found, string message)
        {
            stdout.WriteLine(found ? message : $"no editor named {name}");
            return found ? 0 : 1;
        }
    }

    private static string KnownRole(string role) => EditorRoles.IsKnown(role) ? role : throw new UsageException("the role is admin or editor");

    // No actor: the command line has no desk account. The machine's user name is what is known of who ran it.
    private Task AuditAsync(string action, string account, Dictionary<string, object?> detail, CancellationToken ct)
    {
        detail["via"] = "command line";
        detail["os_user"] = Environment.UserName;
        return audit.WriteAsync(new AuditEntry(action, ActorId: null, ActorName: null, AccountName: account, Detail: detail), ct);
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
