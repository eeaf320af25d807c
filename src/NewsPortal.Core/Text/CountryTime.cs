using System.Collections.Concurrent;

namespace NewsPortal.Core.Text;

/// <summary>
/// The civil time of the country a host's country-code domain names, where that country keeps one
/// (Germany, Chile, Japan…); none for generic domains (<c>.com</c>, <c>.org</c>) and for countries
/// spanning several zones (the US, Russia, Australia, Canada, Indonesia…). A page's shown
/// "20.10.2019, 10:30" is 10:30 in Berlin on a German site, not 10:30 UTC, and its JSON-LD
/// <c>2019-10-19T23:30:00Z</c> is the evening of the 20th there: the day its readers were shown.
/// </summary>
public static class CountryTime
{
    // The most populous zone for the few single-country domains with a small second zone (Spain's
    // Canaries, Portugal's Azores, Brazil's west, Mexico's northwest, Chile's Easter Island).
    private static readonly Dictionary<string, string> ZoneIds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["de"] = "Europe/Berlin", ["at"] = "Europe/Vienna", ["ch"] = "Europe/Zurich", ["li"] = "Europe/Vaduz",
        ["fr"] = "Europe/Paris", ["be"] = "Europe/Brussels", ["nl"] = "Europe/Amsterdam", ["lu"] = "Europe/Luxembourg",
        ["it"] = "Europe/Rome", ["es"] = "Europe/Madrid", ["pt"] = "Europe/Lisbon", ["uk"] = "Europe/London",
        ["ie"] = "Europe/Dublin", ["dk"] = "Europe/Copenhagen", ["se"] = "Europe/Stockholm", ["no"] = "Europe/Oslo",
        ["fi"] = "Europe/Helsinki", ["is"] = "Atlantic/Reykjavik", ["pl"] = "Europe/Warsaw", ["cz"] = "Europe/Prague",
        ["sk"] = "Europe/Bratislava", ["hu"] = "Europe/Budapest", ["si"] = "Europe/Ljubljana", ["hr"] = "Europe/Zagreb",
        ["rs"] = "Europe/Belgrade", ["gr"] = "Europe/Athens", ["ro"] = "Europe/Bucharest", ["bg"] = "Europe/Sofia",
        ["ee"] = "Europe/Tallinn", ["lv"] = "Europe/Riga", ["lt"] = "Europe/Vilnius", ["tr"] = "Europe/Istanbul",
        ["il"] = "Asia/Jerusalem", ["jp"] = "Asia/Tokyo", ["kr"] = "Asia/Seoul", ["cn"] = "Asia/Shanghai",
        ["tw"] = "Asia/Taipei", ["hk"] = "Asia/Hong_Kong", ["mo"] = "Asia/Macau", ["sg"] = "Asia/Singapore",
        ["in"] = "Asia/Kolkata", ["th"] = "Asia/Bangkok", ["vn"] = "Asia/Ho_Chi_Minh", ["ph"] = "Asia/Manila",
        ["my"] = "Asia/Kuala_Lumpur", ["pk"] = "Asia/Karachi", ["nz"] = "Pacific/Auckland", ["za"] = "Africa/Johannesburg",
        ["ng"] = "Africa/Lagos", ["ke"] = "Africa/Nairobi", ["eg"] = "Africa/Cairo", ["ma"] = "Africa/Casablanca",
        ["ar"] = "America/Argentina/Buenos_Aires", ["cl"] = "America/Santiago", ["pe"] = "America/Lima",
        ["co"] = "America/Bogota", ["ve"] = "America/Caracas", ["uy"] = "America/Montevideo", ["py"] = "America/Asuncion",
        ["ec"] = "America/Guayaquil", ["bo"] = "America/La_Paz", ["cr"] = "America/Costa_Rica", ["pa"] = "America/Panama",
        ["gt"] = "America/Guatemala", ["do"] = "America/Santo_Domingo", ["pr"] = "America/Puerto_Rico", ["cu"] = "America/Havana",
        ["mx"] = "America/Mexico_City", ["br"] = "America/Sao_Paulo",
    };

    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Zones = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The zone of the host's country, or null when its domain names none (or the host lacks the zone data).</summary>
    public static TimeZoneInfo? ZoneOf(string? host)
    {
        if (string.IsNullOrEmpty(host)) return null;
        var dot = host.LastIndexOf('.');
        if (dot < 0 || !ZoneIds.TryGetValue(host[(dot + 1)..], out var id)) return null;
        return Zones.GetOrAdd(id, static id =>
        {
            // A container without tzdata has no zones at all: times then stay as the page gave them.
            try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return null; }
        });
    }

    /// <summary>A wall-clock time the page gave without a zone, as the time it is in <paramref name="zone"/>.</summary>
    public static DateTimeOffset AtWallClock(DateTimeOffset wallClock, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(wallClock.DateTime, DateTimeKind.Unspecified);
        // A time skipped by the spring change does not exist there; the offset before it is the page's intent.
        var offset = zone.IsInvalidTime(local) ? zone.GetUtcOffset(local.AddHours(-1)) : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
