using Xunit.Abstractions;

namespace NewsPortal.Core.Tests.Sanitizer;

/// <summary>
/// The four invariants of <c>shared/xss/README.md</c> over every vector of mganss/HtmlSanitizer's
/// suite. Each test collects all offending vectors so one run shows the whole picture.
/// </summary>
public sealed class HtmlSanitizerInvariantTests(SanitizerVectorRun run, ITestOutputHelper output)
    : IClassFixture<SanitizerVectorRun>
{
    private const int VectorCount = 362;

    [Fact]
    public void Every_vector_is_sanitized_without_error_within_the_time_limit()
    {
        var failures = run.Outcomes.Where(o => !o.Completed).Select(o => $"{o.Vector}: {o.Failure}").ToList();

        Assert.True(failures.Count == 0, Report("failed or timed out", failures));
    }

    [Fact]
    public void Sanitizing_twice_changes_nothing()
    {
        var failures = run.Outcomes.Where(o => o.Completed && !o.Idempotent)
            .Select(o => $"{o.Vector}\n    once:  {o.Output}\n    twice: {o.SecondPass}").ToList();

        Assert.True(failures.Count == 0, Report("not idempotent", failures));
    }

    [Fact]
    public void Output_reparsed_as_a_browser_would_holds_no_active_content()
    {
        var failures = run.Outcomes.Where(o => o.Completed && !o.Safe)
            .Select(o => $"{o.Vector}: {string.Join("; ", o.OutputViolations)}\n    input:  {o.Vector.Input}\n    output: {o.Output}")
            .ToList();

        Assert.True(failures.Count == 0, Report("unsafe output", failures));
    }

    [Fact]
    public void Checker_flags_the_dangerous_raw_inputs()
    {
        // If the checker flagged nothing, the test above could never fail. Most vectors are
        // attacks: a good share of the raw inputs must be flagged, and every input of the upstream
        // tests below, each of which holds only attacks that work in an HTML5 browser.
        var flagged = run.Outcomes.Count(o => o.RawViolations.Count > 0);
        var missed = run.Outcomes
            .Where(o => o.RawViolations.Count == 0 && AllHostile.Contains(o.Vector.Test))
            .Select(o => $"{o.Vector}: {o.Vector.Input}").ToList();

        Assert.True(flagged >= 180, $"the checker flagged only {flagged} of {run.Outcomes.Count} raw inputs");
        Assert.True(missed.Count == 0, Report("hostile raw inputs not flagged", missed));
        Assert.Equal(AllHostile.Count, run.Outcomes.Select(o => o.Vector.Test).Distinct().Count(AllHostile.Contains));
    }

    [Fact]
    public void Loads_every_vector_and_reports_the_counts()
    {
        Assert.Equal(VectorCount, run.Outcomes.Count);
        Assert.All(run.Outcomes, o => Assert.NotNull(o.Vector.Input));

        var completed = run.Outcomes.Count(o => o.Completed);
        var idempotent = run.Outcomes.Count(o => o.Idempotent);
        var safe = run.Outcomes.Count(o => o.Safe);
        var flagged = run.Outcomes.Count(o => o.RawViolations.Count > 0);
        var defaultEqual = run.Outcomes.Where(o => o.Vector.IsDefaultEquality).ToList();
        var matching = defaultEqual.Count(o => o.Output is not null && o.Vector.MatchesExpected(o.Output));
        // Informational: upstream allows style and more elements, so exact matches are not the goal.
        var total = run.Outcomes.Count;
        output.WriteLine($"{"vectors:",-42}{total}");
        output.WriteLine($"{$"1. no exception, within {SanitizerVectorRun.TimeLimit.TotalSeconds:0} s:",-42}{completed}/{total}");
        output.WriteLine($"{"2. idempotent:",-42}{idempotent}/{total}");
        output.WriteLine($"{"3. output free of active content:",-42}{safe}/{total}");
        output.WriteLine($"{"4. raw input flagged by the checker:",-42}{flagged}/{total}");
        output.WriteLine($"{"exact 'equal' matches, config default:",-42}{matching}/{defaultEqual.Count}");
    }

    private static readonly HashSet<string> AllHostile =
    [
        "ImageXss1Test", "ImageXss2Test", "ImageCaseInsensitiveXssTest", "ImageHtmlEntitiesXssTest",
        "ImageUTF8UnicodeXssTest", "ImageLongUTF8UnicodeXssTest", "ImageHexEncodeXssTest", "ImageEmbeddedTabXssTest",
        "ImageEmbeddedEncodedTabXssTest", "ImageEmbeddedNewLineXssTest", "ImageSpaceAndMetaCharXssTest",
        "ImageWithVBScriptXssTest", "IframeXssTest", "FrameXssTest", "TableXssTest", "TDXssTest",
        "DivBackgroundImageXssTest", "DivBackgroundImageWithUnicodedXssTest", "DivExpressionXssTest",
        "ImageStyleExpressionXssTest", "AnchorTagStyleExpressionXssTest", "BaseTagXssTest", "EmbedSVGXssTest",
        "AnchorTagJavascriptLinkLocationXssTest", "SanitizeRemoveScriptElemTest", "SanitizeRemoveStyleScriptsTest",
        "SanitizeExpressionTest", "SanitizeUnicodeEscapesTest",
        "BypassTest", "Bypass2Test", "Bypass3Test", "Bypass4Test", "NoScriptTest", "StyleByPassTest", "TemplateTest",
        "SanitizeSrcdocScriptTest", "SanitizeUriAttributeRejectsJavascriptUrlTest", "SanitizeSrcsetDropsHostileCandidateInAnyPositionTest",
        "SanitizeUriListRemovesAttributeWhenNothingSurvivesTest", "SanitizeStyleVarShorthandExpressionTest",
    ];

    private static string Report(string what, List<string> failures) =>
        $"{failures.Count} of {VectorCount} vectors {what}:\n" + string.Join("\n", failures);
}
