using System.Net;
using System.Net.Sockets;

namespace NewsPortal.Web.Images;

/// <summary>
/// Which addresses the proxy may connect to: public unicast only. Refused: loopback, private
/// (RFC 1918, unique-local fc00::/7), link-local (169.254/16 — where cloud metadata services answer —
/// and fe80::/10), carrier-grade NAT 100.64/10 (where some clouds' metadata answers), "this network"
/// 0/8, benchmarking 198.18/15, multicast, reserved 240/4 and broadcast. An IPv6 address that carries
/// an IPv4 one (mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged by the IPv4 one.
/// </summary>
public sealed class AddressPolicy(IReadOnlyCollection<int> loopbackPortsForTests)
{
    /// <summary>Null when <paramref name="address"/> may be connected to on <paramref name="port"/>; otherwise why not.</summary>
    public string? Refusal(IPAddress address, int port)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } v4) address = v4;
        if (IPAddress.IsLoopback(address)) return loopbackPortsForTests.Contains(port) ? null : "a loopback address";
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RefusalV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => RefusalV6(address),
            _ => "not an IP address",
        };
    }

    private static string? RefusalV4(byte[] a) => a switch
    {
        [0, ..] => "a 'this network' address (0.0.0.0/8)",
        [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => "a private address",
        [169, 254, ..] => "a link-local or metadata address (169.254.0.0/16)",
        [100, >= 64 and <= 127, ..] => "a carrier-grade NAT or metadata address (100.64.0.0/10)",
        [192, 0, 0, _] => "an IETF protocol address (192.0.0.0/24)",
        [198, 18 or 19, ..] => "a benchmarking address (198.18.0.0/15)",
        [>= 224 and <= 239, ..] => "a multicast address",
        [>= 240, ..] => "a reserved or broadcast address",
        _ => null,
    };

    private static string? RefusalV6(IPAddress address)
    {
        var a = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6None)) return "the unspecified address";
        if ((a[0] & 0xFE) == 0xFC) return "a unique-local (private) address (fc00::/7)";
        if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) return "a link-local address (fe80::/10)";
        if (a[0] == 0xFE && (a[1] & 0xC0) == 0xC0) return "a site-local address (fec0::/10)";
        if (a[0] == 0xFF) return "a multicast address";
        // Only global unicast (2000::/3) is public.
        if ((a[0] & 0xE0) != 0x20) return "not a global unicast address";
        return null;
    }

    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        var a = address.GetAddressBytes();
        // NAT64 well-known prefix 64:ff9b::/96
        if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xFF && a[3] == 0x9B && a.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            return new IPAddress(a.AsSpan(12, 4));
        // 6to4 2002:AABB:CCDD::/48 carries AA.BB.CC.DD
        if (a[0] == 0x20 && a[1] == 0x02) return new IPAddress(a.AsSpan(2, 4));
        // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks); not :: and not ::1
        if (a.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && (a[12] | a[13]) != 0) return new IPAddress(a.AsSpan(12, 4));
        return null;
    }
}
