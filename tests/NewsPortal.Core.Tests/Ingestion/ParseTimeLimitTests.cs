using System.Text;
using AngleSharp.Html.Parser;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Ingestion.Html;

namespace NewsPortal.Core.Tests.Ingestion;

/// <summary>
/// The per-input time limit (<see cref="ParserOptions.TimeLimit"/>): checked as the work goes, it
/// turns an input that runs too long into a failure that says so, and the next input is read as usual.
/// Deadlines here are already past when parsing starts, so nothing depends on the machine's speed.
/// </summary>
public sealed class ParseTimeLimitTests
{
    private static readonly byte[] Page = TestData.Bytes("pages", "gmw-zh.html");

    [Fact]
    public void An_input_past_the_limit_fails_saying_it_gave_up()
    {
        var selector = ParserSelector.CreateDefault(new ParserOptions { TimeLimit = TimeSpan.Zero });

        var result = selector.Parse(Page, new InputOrigin("gmw-zh.html"));

        Assert.False(result.Succeeded);
        Assert.Null(result.Article);
        Assert.Equal("gave up after 0 s (the time limit for one input)", result.Error);
    }

    [Fact]
    public void The_message_names_the_configured_limit_and_the_clock_is_the_one_given()
    {
        // A clock on which every deadline has passed as soon as it is set: the 5 s limit is over at once.
        var selector = ParserSelector.CreateDefault(new ParserOptions { TimeLimit = TimeSpan.FromSeconds(5), Clock = new ExpiredClock() });

        var result = selector.Parse(Page, new InputOrigin("gmw-zh.html"));

        Assert.Equal("gave up after 5 s (the time limit for one input)", result.Error);
    }

    [Fact]
    public void The_next_input_is_read_as_usual_after_one_gave_up()
    {
        // The first input runs out of time on both of its tries.
        var options = new ParserOptions { TimeLimit = TimeSpan.FromSeconds(5), Clock = new ExpiredClock { ExpireFirst = 2 } };
        var selector = ParserSelector.CreateDefault(options);

        var first = selector.Parse(Page, new InputOrigin("first.html"));
        var second = selector.Parse(Page, new InputOrigin("second.html"));

        Assert.StartsWith("gave up after 5 s", first.Error);
        Assert.True(second.Succeeded, second.Error);
        Assert.Contains("。", second.Article!.BodyText);
    }

    [Fact]
    public void An_input_the_machine_kept_waiting_is_read_once_more_and_one_that_worked_its_limit_is_not()
    {
        // Out of time on the wall clock having used no CPU: the machine was busy, the input is read again.
        var waited = ParserSelector.CreateDefault(new ParserOptions
        {
            TimeLimit = TimeSpan.FromSeconds(5), Clock = new ExpiredClock { ExpireFirst = 1 }, CpuClock = () => TimeSpan.Zero,
        });
        var result = waited.Parse(Page, new InputOrigin("waited.html"));
        Assert.True(result.Succeeded, result.Error);

        // Out of time having used its limit in CPU: the input itself is slow, and is not read again.
        var spent = TimeSpan.Zero;
        var worked = ParserSelector.CreateDefault(new ParserOptions
        {
            TimeLimit = TimeSpan.FromSeconds(5), Clock = new ExpiredClock { ExpireFirst = 1 }, CpuClock = () => spent += TimeSpan.FromSeconds(5),
        });
        Assert.Equal("gave up after 5 s (the time limit for one input)", worked.Parse(Page, new InputOrigin("worked.html")).Error);
    }

    [Fact]
    public void The_html_parser_and_the_extractor_stop_when_told()
    {
        var text = Encoding.UTF8.GetString(Page);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var document = new HtmlParser().ParseDocument(text);

        Assert.ThrowsAny<OperationCanceledException>(() => new HtmlPageParser().Parse(text, new InputOrigin("gmw-zh.html"), cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => new ArticleContentExtractor().Extract(document, null, null, cancelled.Token));
    }

    [Fact]
    public void A_stopping_host_is_not_reported_as_a_slow_input()
    {
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ParserSelector.CreateDefault().Parse(Page, new InputOrigin("gmw-zh.html"), cancellationToken: stopping.Token));
    }

    /// <summary>Timers fire as soon as they are created (for the first <see cref="ExpireFirst"/> of them, or all).</summary>
    private sealed class ExpiredClock : TimeProvider
    {
        private int _created;

        public int ExpireFirst { get; init; } = int.MaxValue;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (_created++ < ExpireFirst) callback(state);
            return new IdleTimer();
        }

        private sealed class IdleTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;
            public void Dispose() { }
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
