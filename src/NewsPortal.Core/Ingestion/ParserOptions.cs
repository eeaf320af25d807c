namespace NewsPortal.Core.Ingestion;

/// <summary>
/// How parsers treat one input: the time it may take, the clock that measures it, and (for
/// profiling only) where phase timings go. One set for the whole process.
/// </summary>
public sealed record ParserOptions
{
    /// <summary>Configuration section read by <see cref="ServiceCollectionExtensions"/>.</summary>
    public const string Section = "Parsing";

    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one input may take, decoding included. Real pages take milliseconds; this only
    /// stops pathological inputs, which then fail with "gave up after N s" and the run goes on.
    /// </summary>
    public TimeSpan TimeLimit { get; init; } = DefaultTimeLimit;

    /// <summary>The clock of <see cref="TimeLimit"/>; tests replace it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// The parsing thread's CPU time, read when an input runs out of <see cref="TimeLimit"/>: an input
    /// that used less than half of it was waiting for a core, not working, and is read once more
    /// (<see cref="ParserSelector"/>). Tests replace it.
    /// </summary>
    public Func<TimeSpan> CpuClock { get; init; } = ThreadCpuClock.Now;

    /// <summary>Time spent per phase, summed over inputs (the evaluation's <c>--profile</c>); null in production.</summary>
    public PhaseTimes? Phases { get; init; }
}
