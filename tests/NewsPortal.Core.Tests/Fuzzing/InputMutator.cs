using System.Security;
using System.Text;
using System.Text.Json;

namespace NewsPortal.Core.Tests.Fuzzing;

/// <summary>
/// Mutates a real input the ways real inputs go wrong: bytes flipped or cut, noise and invalid UTF-8
/// inserted, two inputs spliced, tags and lines duplicated or dropped, deep nesting, huge attributes,
/// XSS payloads in the body (escaped as the format needs), and an encoding declared wrong.
/// Deterministic: the same seed and <see cref="Random"/> seed give the same bytes.
/// </summary>
public static class InputMutator
{
    private delegate void Mutation(List<byte> input, Random random, MutationContext context);

    /// <summary>What a mutation may draw on besides the input itself.</summary>
    public sealed record MutationContext(string Family, IReadOnlyList<FuzzSeed> Seeds, IReadOnlyList<string> Payloads);

    private static readonly (string Name, Mutation Apply)[] Mutations =
    [
        ("flip", FlipBytes), ("truncate", Truncate), ("noise", InsertNoise), ("nul", InsertNuls),
        ("invalid-utf8", InsertInvalidUtf8), ("splice", Splice), ("dup-tag", DuplicateTag), ("drop-tag", RemoveTag),
        ("dup-line", DuplicateLine), ("drop-line", RemoveLine), ("nest", Nest), ("huge-attr", HugeAttribute),
        ("xss", SpliceXss), ("xss", SpliceXss), ("xss", SpliceXss), ("wrong-encoding", DeclareWrongEncoding),
    ];

    /// <summary>Applies <paramref name="count"/> mutations; returns the bytes and the names of what was done.</summary>
    public static (byte[] Bytes, string Steps) Mutate(byte[] seed, int count, Random random, MutationContext context)
    {
        var input = new List<byte>(seed);
        var steps = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (name, apply) = Mutations[random.Next(Mutations.Length)];
            apply(input, random, context);
            steps.Add(name);
        }
        return ([.. input], string.Join(",", steps));
    }

    private static void FlipBytes(List<byte> input, Random random, MutationContext _)
    {
        if (input.Count == 0) return;
        for (var n = random.Next(1, 9); n > 0; n--) input[random.Next(input.Count)] ^= (byte)(1 << random.Next(8));
    }

    private static void Truncate(List<byte> input, Random random, MutationContext _)
    {
        if (input.Count == 0) return;
        var at = random.Next(input.Count);
        switch (random.Next(3))
        {
            case 0: input.RemoveRange(at, input.Count - at); break; // a download cut short
            case 1: input.RemoveRange(0, at); break; // its tail only
            default: input.RemoveRange(at, Math.Min(input.Count - at, random.Next(1, 2048))); break; // a hole
        }
    }

    private static void InsertNoise(List<byte> input, Random random, MutationContext _)
    {
        var noise = new byte[random.Next(1, 64)];
        random.NextBytes(noise);
        input.InsertRange(random.Next(input.Count + 1), noise);
    }

    private static void InsertNuls(List<byte> input, Random random, MutationContext _) =>
        input.InsertRange(random.Next(input.Count + 1), new byte[random.Next(1, 16)]);

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE4, 0xB8], [0xFF, 0xFE], [0xEF, 0xBB, 0xBF], [0x80],
        [0xF4, 0x90, 0x80, 0x80],
    ];

    private static void InsertInvalidUtf8(List<byte> input, Random random, MutationContext _)
    {
        for (var n = random.Next(1, 6); n > 0; n--) input.InsertRange(random.Next(input.Count + 1), InvalidUtf8[random.Next(InvalidUtf8.Length)]);
    }

    private static void Splice(List<byte> input, Random random, MutationContext context)
    {
        var other = context.Seeds[random.Next(context.Seeds.Count)].Bytes;
        if (other.Length == 0) return;
        var start = random.Next(other.Length);
        var length = Math.Min(other.Length - start, random.Next(1, 4096));
        var at = random.Next(input.Count + 1);
        if (random.Next(2) == 0) input.RemoveRange(at, input.Count - at); // head of one, tail of the other
        input.InsertRange(at, other.AsSpan(start, length).ToArray());
    }

    /// <summary>A random <c>&lt;...&gt;</c> span of the input (start, length), if any.</summary>
    private static (int Start, int Length)? RandomTag(List<byte> input, Random random)
    {
        if (input.Count == 0) return null;
        var from = random.Next(input.Count);
        var open = input.IndexOf((byte)'<', from);
        if (open < 0) open = input.IndexOf((byte)'<');
        if (open < 0) return null;
        var close = input.IndexOf((byte)'>', open);
        return close < 0 || close - open > 2048 ? null : (open, close - open + 1);
    }

    private static void DuplicateTag(List<byte> input, Random random, MutationContext _)
    {
        if (RandomTag(input, random) is not var (start, length)) return;
        var tag = input.GetRange(start, length);
        for (var n = random.Next(1, 20); n > 0; n--) input.InsertRange(start, tag);
    }

    private static void RemoveTag(List<byte> input, Random random, MutationContext _)
    {
        if (RandomTag(input, random) is var (start, length)) input.RemoveRange(start, length);
    }

    private static (int Start, int Length)? RandomLine(List<byte> input, Random random)
    {
        if (input.Count == 0) return null;
        var at = random.Next(input.Count);
        var start = input.LastIndexOf((byte)'\n', at) + 1;
        var end = input.IndexOf((byte)'\n', at);
        return (start, (end < 0 ? input.Count : end + 1) - start);
    }

    private static void DuplicateLine(List<byte> input, Random random, MutationContext _)
    {
        if (RandomLine(input, random) is not var (start, length)) return;
        var line = input.GetRange(start, length);
        for (var n = random.Next(1, 10); n > 0; n--) input.InsertRange(start, line);
    }

    private static void RemoveLine(List<byte> input, Random random, MutationContext _)
    {
        if (RandomLine(input, random) is var (start, length)) input.RemoveRange(start, length);
    }

    private static readonly string[] NestingTags = ["div", "blockquote", "ul><li", "table><tr><td", "p", "span", "a href=x", "b", "item", "entry"];

    private static void Nest(List<byte> input, Random random, MutationContext context)
    {
        var tag = NestingTags[random.Next(NestingTags.Length)];
        var depth = random.Next(50, 1500);
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++) text.Append('<').Append(tag).Append('>');
        text.Append("深层嵌套 nested");
        if (random.Next(2) == 0) text.Append(string.Concat(Enumerable.Repeat($"</{tag.Split(' ', '>')[0]}>", depth)));
        Insert(input, random, Escape(context.Family, text.ToString()));
    }

    private static void HugeAttribute(List<byte> input, Random random, MutationContext context)
    {
        var name = random.Next(3) switch { 0 => "title", 1 => "href", _ => "data-x" };
        const string Fill = "ax\"'&<中 ";
        var value = new string(Fill[random.Next(Fill.Length)], random.Next(10_000, 200_000));
        Insert(input, random, Escape(context.Family, $"<a {name}=\"{value}\">长属性</a>"));
    }

    private static void SpliceXss(List<byte> input, Random random, MutationContext context)
    {
        var payload = context.Payloads[random.Next(context.Payloads.Count)];
        // Into a body where the format keeps one; elsewhere at random.
        var markers = context.Family switch
        {
            "rss" or "rdf" => new[] { "<description>", "<content:encoded>" },
            "atom" => ["<content type=\"html\">", "<summary", "<content"],
            "json-feed" => ["\"content_html\": \"", "\"content_html\":\""],
            "json-listing" => ["\"content\": \"", "\"content\":\"", "\"body\": \""],
            "html" => ["<p>", "<article", "<body", "<div"],
            _ => ["\n\n", "\n"],
        };
        var text = Encoding.UTF8.GetString(input.ToArray());
        var found = markers.Select(m => (m, at: text.IndexOf(m, random.Next(Math.Max(1, text.Length / 2)), StringComparison.Ordinal)))
            .FirstOrDefault(x => x.at >= 0);
        var escaped = Escape(context.Family, payload);
        if (found.m is null) { Insert(input, random, escaped); return; }
        var byteAt = Encoding.UTF8.GetByteCount(text.AsSpan(0, found.at + found.m.Length));
        var close = found.m.EndsWith('>') || found.m.EndsWith('"') || found.m.EndsWith('\n') ? 0 : input.IndexOf((byte)'>', Math.Min(byteAt, input.Count)) + 1 - byteAt;
        input.InsertRange(Math.Clamp(byteAt + Math.Max(0, close), 0, input.Count), Encoding.UTF8.GetBytes(escaped));
    }

    /// <summary>Markup as the family carries it: entity-escaped or CDATA in XML, a string in JSON, raw elsewhere.</summary>
    private static string Escape(string family, string html) => family switch
    {
        "rss" or "rdf" or "atom" => html.Length % 2 == 0 ? SecurityElement.Escape(html) : $"<![CDATA[{html.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)}]]>",
        "json-feed" or "json-listing" => JsonSerializer.Serialize(html)[1..^1],
        _ => html,
    };

    private static readonly string[] Charsets = ["gbk", "gb2312", "big5", "shift_jis", "iso-8859-1", "utf-16", "utf-16le", "koi8-r", "x-unknown", "utf-7", "euc-kr", "windows-1252"];

    private static void DeclareWrongEncoding(List<byte> input, Random random, MutationContext _)
    {
        var charset = Charsets[random.Next(Charsets.Length)];
        var text = Encoding.UTF8.GetString(input.ToArray());
        var declaration = random.Next(4) switch
        {
            0 => $"<meta charset=\"{charset}\">",
            1 => $"<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">",
            2 => $"<?xml version=\"1.0\" encoding=\"{charset}\"?>",
            _ => $"@charset \"{charset}\";",
        };
        var bytes = Encoding.UTF8.GetBytes(declaration);
        if (text.StartsWith("<?xml", StringComparison.Ordinal) && random.Next(2) == 0)
        {
            var end = input.IndexOf((byte)'>');
            if (end >= 0) input.RemoveRange(0, end + 1);
            input.InsertRange(0, Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"{charset}\"?>"));
            return;
        }
        var head = text.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        // Offsets in the decoded text only approximate byte offsets once invalid UTF-8 became U+FFFD.
        var at = head >= 0 ? Encoding.UTF8.GetByteCount(text.AsSpan(0, head + 6)) : random.Next(Math.Min(input.Count, 512) + 1);
        input.InsertRange(Math.Min(at, input.Count), bytes);
    }

    private static void Insert(List<byte> input, Random random, string text) =>
        input.InsertRange(random.Next(input.Count + 1), Encoding.UTF8.GetBytes(text));
}
