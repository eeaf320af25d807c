using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// What the instruments of one meter recorded, for one service provider only (its
/// <see cref="IMeterFactory"/>): the hosts of other tests record into meters of the same name meanwhile.
/// </summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags, long Value)> _values = new();

    public MeterRecorder(IMeterFactory scope, string meterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrument.Meter.Scope == scope) listener.EnableMeasurementEvents(instrument);
        };
        // Counters record longs; histograms of counts (a batch's size) may record ints.
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        _values.Enqueue((instrument.Name, copy, value));
    }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements whose tag <paramref name="tag"/> equals <paramref name="value"/>.</summary>
    public long Sum(string instrument, string tag, object value) =>
        _values.Where(v => v.Instrument == instrument && v.Tags.TryGetValue(tag, out var t) && Equals(t, value)).Sum(v => v.Value);

    /// <summary>The sum of all of <paramref name="instrument"/>'s measurements.</summary>
    public long Sum(string instrument) => _values.Where(v => v.Instrument == instrument).Sum(v => v.Value);

    public void Dispose() => _listener.Dispose();
}
