using NewsPortal.Core.Storage;

namespace NewsPortal.Core.Tests.Storage;

public sealed class ListCursorTests
{
    [Fact]
    public void Round_trips_through_its_text_form()
    {
        var cursor = new ListCursor(new DateTimeOffset(2023, 11, 8, 18, 25, 56, 123, TimeSpan.Zero).AddTicks(4560), 42);

        var text = cursor.ToString();

        Assert.Equal("1699467956123456.42", text);
        Assert.Equal(cursor, ListCursor.Parse(text));
    }

    [Fact]
    public void Text_form_is_the_same_instant_whatever_the_offset()
    {
        var utc = new DateTimeOffset(2023, 11, 8, 18, 25, 56, TimeSpan.Zero);

        Assert.Equal(new ListCursor(utc, 7).ToString(), new ListCursor(utc.ToOffset(TimeSpan.FromHours(8)), 7).ToString());
    }

    [Theory]
    [InlineData(0L, 1L)]
    [InlineData(1_699_468_744_000_000L, long.MaxValue)]
    [InlineData(-1_000_000L, 3L)]
    public void Round_trips_edge_values(long micros, long id)
    {
        var cursor = new ListCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), id);

        Assert.Equal(cursor, ListCursor.Parse(cursor.ToString()));
    }

    [Fact]
    public void Keeps_microseconds_as_postgresql_does()
    {
        // timestamptz holds microseconds; a cursor finer than the column could never match a row.
        var withTicks = new ListCursor(DateTimeOffset.UnixEpoch.AddTicks(1_234_567), 1);

        var parsed = ListCursor.Parse(withTicks.ToString());

        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(1_234_560), parsed!.ListedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1699467956123456")]
    [InlineData("1699467956123456.")]
    [InlineData(".42")]
    [InlineData("1.2.3")]
    [InlineData("1.-2")]
    [InlineData("1.+2")]
    [InlineData(" 1.2")]
    [InlineData("1.2 ")]
    [InlineData("1,5.2")]
    [InlineData("0x10.2")]
    [InlineData("99999999999999999999.1")]
    [InlineData("1.99999999999999999999")]
    [InlineData("253402300800000000.1")]
    [InlineData("<script>.1")]
    public void Parses_garbage_to_null(string? text)
    {
        Assert.Null(ListCursor.Parse(text));
    }
}
