using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Sanitizer;

/// <summary>
/// Runs <see cref="HtmlSanitizer"/> over every XSS vector once (a class fixture), recording what
/// each invariant needs: the output or the failure, a second pass, and the checker's findings on
/// both the raw input and the output.
/// </summary>
public sealed class SanitizerVectorRun
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    public sealed record Outcome(XssVector Vector, string? Output, string? Failure, string? SecondPass,
        IReadOnlyList<string> OutputViolations, IReadOnlyList<string> RawViolations)
    {
        public bool Completed => Failure is null;
        public bool Idempotent => Completed && SecondPass == Output;
        public bool Safe => Completed && OutputViolations.Count == 0;
    }

    public IReadOnlyList<Outcome> Outcomes { get; }

    public SanitizerVectorRun()
    {
        var checker = new HtmlInvariantChecker();
        Outcomes = [.. XssVector.LoadAll().Select(vector => Run(vector, checker))];
    }

    private static Outcome Run(XssVector vector, HtmlInvariantChecker checker)
    {
        var raw = checker.Check(vector.Input);
        var (output, failure) = SanitizeWithin(vector.Input, vector.BaseUrl);
        if (output is null) return new Outcome(vector, null, failure, null, [], raw);
        var (second, secondFailure) = SanitizeWithin(output, vector.BaseUrl);
        return new Outcome(vector, output, secondFailure is null ? null : "second pass: " + secondFailure, second, checker.Check(output), raw);
    }

    /// <summary>Sanitizes on a worker thread so that a runaway input fails the test instead of hanging it.</summary>
    public static (string? Output, string? Failure) SanitizeWithin(string html, string? baseUrl)
    {
        var task = Task.Run(() => new HtmlSanitizer().Sanitize(html, baseUrl));
        try
        {
            return task.Wait(TimeLimit) ? (task.Result, null) : (null, $"did not finish within {TimeLimit.TotalSeconds:0} s");
        }
        catch (AggregateException e)
        {
            var inner = e.InnerException ?? e;
            return (null, $"{inner.GetType().Name}: {inner.Message}");
        }
    }
}
