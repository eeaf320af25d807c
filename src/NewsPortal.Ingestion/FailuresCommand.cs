using System.Globalization;
using NewsPortal.Core.Storage;

namespace NewsPortal.Ingestion;

/// <summary>
/// <c>failures list [--all]</c> and <c>failures dismiss ID... | --all-not-retriable</c>: the recorded
/// failures an operator looks at, and the ones they decide to stop retrying.
/// </summary>
public sealed class FailuresCommand(IngestRunStore runs)
{
    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        switch (args)
        {
            case ["list"]:
            case ["list", "--all"]:
                var failures = await runs.ListAsync(args.Length == 2, ct);
                output.WriteLine("id\tfailed at (UTC)\tretriable\tinput\treason");
                foreach (var f in failures)
                    output.WriteLine(string.Join('\t', f.Id.ToString(CultureInfo.InvariantCulture), f.FailedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        Retriable(f), f.Path, f.Reason));
                return 0;
            case ["dismiss", "--all-not-retriable"]:
                output.WriteLine($"dismissed {await runs.DismissNotRetriableAsync(ct)} failure(s) no retry can settle");
                return 0;
            case ["dismiss", .. var ids] when ids.Length > 0:
                var parsed = ids.Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                    : throw new UsageException($"failures dismiss takes failure ids (from 'failures list'), not {id}")).ToList();
                var dismissed = await runs.DismissAsync(parsed, ct);
                output.WriteLine($"dismissed {dismissed.Count} failure(s)");
                var missing = parsed.Except(dismissed).ToList();
                if (missing.Count == 0) return 0;
                output.WriteLine($"not open (no such id, resolved or already dismissed): {string.Join(' ', missing)}");
                return 1;
            default:
                throw new UsageException("failures takes 'list [--all]', 'dismiss ID...' or 'dismiss --all-not-retriable'");
        }
    }

    private static string Retriable(FailedInputListing f) => (f.Retriable, f.InputSize, f.DismissedAt) switch
    {
        (_, _, not null) => "dismissed",
        (false, _, _) => "no",
        (true, { } size, _) => $"yes (re-read, {size} bytes)",
        _ => "yes",
    };
}
