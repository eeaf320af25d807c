using System.Text;
using Microsoft.Extensions.Logging;

namespace NewsPortal.Ingestion;

/// <summary>
/// The commands' standard output, which may be a file on a full disk (every write failing with "No
/// space left on device"). Two ways to write, by what the output is:
/// <list type="bullet">
/// <item><see cref="Reports"/> (<see cref="Report"/>): lines that report work done — an ingest's or a
/// poll pass's counts, "applied N migration(s)", "editor NAME created". The work stands whether or not
/// its line is shown, and the exit code says how it went, so a line that cannot be written is logged
/// as a warning instead (the log goes to stderr) and the command carries on.</item>
/// <item><see cref="Product"/>: output that is what the command was run for — a list, extract's JSON,
/// the usage text asked for. Output lost is the command failed: a failed write throws
/// <see cref="StandardOutputException"/>, which the command line answers with exit code 5.</item>
/// </list>
/// Console.Out is looked up at each write, so a redirected console is followed.
/// </summary>
public sealed class StandardOutput
{
    private readonly ILogger<StandardOutput> _logger;

    public StandardOutput(ILogger<StandardOutput> logger)
    {
        _logger = logger;
        Reports = new Writer(this, product: false);
        Product = new Writer(this, product: true);
    }

    public TextWriter Reports { get; }

    public TextWriter Product { get; }

    public void Report(string line) => Reports.WriteLine(line);

    /// <summary>An error message on stderr. When even that cannot be written there is nowhere left to say it; the exit code still does.</summary>
    public static void Error(string text)
    {
        try
        {
            Console.Error.WriteLine(text);
        }
        catch (IOException)
        {
        }
    }

    private void Lost(IOException e, string? text) =>
        _logger.LogWarning("Standard output cannot be written ({Reason}); what it was to show: {Text}", e.Message, text?.TrimEnd() ?? "");

    private sealed class Writer(StandardOutput owner, bool product) : TextWriter
    {
        public override Encoding Encoding => Console.OutputEncoding;

        public override void Write(char value) => Try(w => w.Write(value), () => value.ToString());

        public override void Write(char[] buffer, int index, int count) => Try(w => w.Write(buffer, index, count), () => new string(buffer, index, count));

        public override void Write(string? value) => Try(w => w.Write(value), () => value);

        public override void WriteLine(string? value) => Try(w => w.WriteLine(value), () => value);

        public override void Flush() => Try(w => w.Flush(), () => null);

        private void Try(Action<TextWriter> write, Func<string?> text)
        {
            try
            {
                write(Console.Out);
            }
            catch (IOException e) when (product)
            {
                throw new StandardOutputException(e);
            }
            catch (IOException e)
            {
                owner.Lost(e, text());
            }
        }
    }
}
