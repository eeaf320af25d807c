using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace NewsPortal.Core.Tests.Fuzzing;

/// <summary>
/// Property-based fuzzing of <see cref="Ingestion.ParserSelector"/>: FsCheck draws cases (a real
/// seed of every format, or a generated input, and the mutations made to it); each one must parse to
/// a result (a failure with a reason, never an exception), within the time limit plus a margin, with
/// sanitized article bodies. Bounded for CI; <c>NEWSPORTAL_FUZZ_INPUTS=100000</c> runs longer and
/// <c>NEWSPORTAL_FUZZ_MAX_BYTES</c> lifts the cap on seed size (docs/operations.md, "Fuzzing").
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    private const int DefaultInputs = 2000;
    private const int DefaultMaxBytes = 64 * 1024;

    private static readonly int Inputs = Setting("NEWSPORTAL_FUZZ_INPUTS", DefaultInputs);
    private static readonly int MaxBytes = Setting("NEWSPORTAL_FUZZ_MAX_BYTES", DefaultMaxBytes);
    private static readonly FuzzInputs Cases = new(FuzzSeeds.Load(MaxBytes), FuzzSeeds.XssPayloads(), MaxBytes);

    [Fact]
    public void Mutated_seeds_of_every_format_parse_to_a_result_in_time_with_sanitized_bodies()
    {
        // Mostly a few mutations: many at once make most inputs unrecognisable, which tests little.
        var cases = Gen.Choose(0, Cases.Seeds.Count - 1)
            .SelectMany(_ => Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 3)), (2, Gen.Choose(4, 12))), (seed, mutations) => (seed, mutations))
            .SelectMany(_ => Gen.Choose(0, int.MaxValue), (x, random) => new FuzzCase(x.seed, x.mutations, random));

        var run = Check(cases, Inputs);

        Assert.True(run.Problems.Count() == 0, Failure(run));
        Assert.Equal(Cases.Seeds.Select(s => s.Family).Distinct().Order(), run.Families.Order());
    }

    [Fact]
    public void Generated_inputs_of_every_format_parse_to_a_result_in_time_with_sanitized_bodies()
    {
        var cases = Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 4)))
            .SelectMany(_ => Gen.Choose(0, int.MaxValue), (mutations, random) => new FuzzCase(-1, mutations, random));

        var run = Check(cases, Math.Max(1, Inputs / 4));

        Assert.True(run.Problems.Count() == 0, Failure(run));
    }

    [Fact]
    public void Replays_the_case_named_in_NEWSPORTAL_FUZZ_REPLAY()
    {
        // NEWSPORTAL_FUZZ_REPLAY=SeedIndex,Mutations,RandomSeed (as a report prints them) runs that one
        // case and writes its bytes to NEWSPORTAL_FUZZ_REPLAY_OUT; unset, the test has nothing to do.
        var replay = Environment.GetEnvironmentVariable("NEWSPORTAL_FUZZ_REPLAY");
        if (string.IsNullOrWhiteSpace(replay)) return;
        var parts = replay.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var input = Cases.Build(new FuzzCase(parts[0], parts[1], parts[2]));
        if (Environment.GetEnvironmentVariable("NEWSPORTAL_FUZZ_REPLAY_OUT") is { Length: > 0 } path) File.WriteAllBytes(path, input.Bytes);
        var run = new FuzzRun();

        run.Run(input);

        output.WriteLine(run.Report());
        // Where the time goes, without the limit: the phases of a whole parse.
        var phases = new NewsPortal.Core.Ingestion.PhaseTimes();
        var whole = NewsPortal.Core.Ingestion.ParserSelector.CreateDefault(new NewsPortal.Core.Ingestion.ParserOptions { TimeLimit = TimeSpan.FromMinutes(5), Phases = phases })
            .Parse(input.Bytes, new NewsPortal.Core.Articles.InputOrigin("replay"));
        output.WriteLine($"without a limit: {(whole.Succeeded ? "parsed" : whole.Error)}; " +
            string.Join(", ", phases.Totals.Select(p => $"{p.Phase} {p.Time.TotalMilliseconds:F0} ms")));
        Assert.True(run.Problems.Count() == 0, Failure(run));
    }

    [Fact]
    public void The_body_check_flags_unsanitized_markup()
    {
        // If the check passed everything, the properties above could never fail.
        var run = new FuzzRun();

        Assert.NotNull(run.BodyProblem("<p>a</p><script>alert(1)</script>", null));
        Assert.NotNull(run.BodyProblem("<p onclick=\"x()\">a</p>", null));
        Assert.NotNull(run.BodyProblem("<a href=\"javascript:alert(1)\">a</a>", null));
        Assert.NotNull(run.BodyProblem("<p>a</p><iframe srcdoc=\"x\"></iframe>", null));
        Assert.NotNull(run.BodyProblem("<p title=x>a</p>", null));
        var safe = new NewsPortal.Core.Ingestion.HtmlSanitizer().Sanitize("<p>新华社北京电 \"链接\" <a href=\"https://example.com/a\" onclick=\"x()\">链接</a></p>");
        Assert.Null(run.BodyProblem(safe, null));
        Assert.StartsWith("re-sanitizing only re-serializes", run.BodyProblem("<p>&quot;新华社&quot; &#128512;</p>", null));
    }

    private FuzzRun Check(Gen<FuzzCase> cases, int inputs)
    {
        var run = new FuzzRun();
        // Every case is recorded rather than stopping at the first problem, so that a run reports
        // them all (and a long run counts them); the assertions follow.
        var progress = Environment.GetEnvironmentVariable("NEWSPORTAL_FUZZ_LOG");
        var property = Prop.ForAll(cases.ToArbitrary(), (FuzzCase fuzzCase) =>
        {
            run.Run(Cases.Build(fuzzCase));
            // A long run shows where it is (the test's own output appears only at its end).
            if (progress is not null && run.Inputs % 10_000 == 0) File.AppendAllText(progress, run.Report() + "\n");
        });
        var started = DateTime.UtcNow;
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(inputs).WithQuietOnSuccess(true), property);
        output.WriteLine(run.Report());
        if (progress is not null) File.AppendAllText(progress, "final:\n" + run.Report() + "\n");
        ShowNotCanonical(run);
        output.WriteLine($"took {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        return run;
    }

    private void ShowNotCanonical(FuzzRun run)
    {
        foreach (var body in run.NotCanonical.Take(3)) output.WriteLine(body);
    }

    private static string Failure(FuzzRun run) =>
        run.Report() + string.Join("\n", run.Problems.Take(20));

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
