using System.Text.RegularExpressions;

namespace NewsPortal.Core.Text;

/// <summary>
/// Reads the value of an <c>作者：</c> field as a list of person or agency names. Scraped pages put
/// all sorts of things there (a headline, a button label), so anything that does not look like a
/// name is dropped rather than stored as an author.
/// </summary>
public static partial class AuthorNames
{
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "搜索", "admin", "佚名", "未知", "unknown", "本站", "网友", "小编", "编辑", "责任编辑", "原创",
        "本站原创", "网络", "互联网", "综合", "转载", "整理", "投稿",
        "administrator", "webmaster", "guest", "anonymous", "null", "none", "root", "system", "user",
    };

    // Job titles written before the name ("本报记者 张三", "记者张三"): the name is what follows.
    private static readonly string[] RolePrefixes =
    [
        "本报特约记者", "本报记者", "本报通讯员", "本报实习生", "本报评论员", "特约评论员", "特约记者", "实习记者", "见习记者",
        "首席记者", "实习生", "通讯员", "评论员", "记者", "撰文",
    ];

    public static IReadOnlyList<string> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        var names = new List<string>();
        var trimmed = value.Trim();
        // CJK names are separated by spaces too; Latin names contain spaces, so only punctuation splits them.
        var parts = trimmed.Any(char.IsAsciiLetter) ? LatinSeparators().Split(trimmed) : Separators().Split(trimmed);
        foreach (var part in parts)
        {
            var name = WithoutRole(part.Trim());
            if (name.Length == 0) continue;
            if (IsPlausibleName(name) && !names.Contains(name)) names.Add(name);
            else if (name.Length > 0 && !IsPlausibleName(name)) return []; // one bad part: the field is not a name list
        }
        return names;
    }

    private static string WithoutRole(string part)
    {
        foreach (var role in RolePrefixes)
        {
            if (part == role) return "";
            if (part.StartsWith(role, StringComparison.Ordinal) && part.Length - role.Length >= 2) return part[role.Length..].Trim();
        }
        return part;
    }

    public static bool IsPlausibleName(string name)
    {
        if (name.Length == 0 || NotNames.Contains(name)) return false;
        if (SentencePunctuation().IsMatch(name)) return false;
        // CJK person names are 2-4 characters, transliterated foreign names use '·', agencies stay short.
        if (CjkName().IsMatch(name)) return true;
        return LatinName().IsMatch(name);
    }

    /// <summary>
    /// A user name as blog platforms print it after 作者: (<c>zboygirl</c>). Only a labelled author field
    /// vouches for one: a lone lower-case word anywhere else is more often a word than a name.
    /// </summary>
    public static bool IsHandle(string name) => !NotNames.Contains(name) && Handle().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.-]{2,19}$")]
    private static partial Regex Handle();

    [GeneratedRegex(@"[\s、，,/;；|]+")]
    private static partial Regex Separators();

    // Bylines join names with the page language's "and" ("Martin Untersinger avec Damien Leloup et Morgane
    // Tual"); these words never occur inside a name written with capitals.
    // "Finian Cunningham. Sputnik International": a full stop after a word (not an initial, "Troy L. Smith")
    // ends a name too.
    [GeneratedRegex(@"\s*(?:[、，,;；|/]|\s(?:and|et|und|y|e|avec|with|mit|con|com)\s|(?<=\p{Ll}{2})\.\s+(?=\p{Lu}))\s*")]
    private static partial Regex LatinSeparators();

    [GeneratedRegex(@"[:：。！？!?“”""《》（）()【】\[\]]")]
    private static partial Regex SentencePunctuation();

    [GeneratedRegex(@"^[\u4e00-\u9fff·•]{2,10}$")]
    private static partial Regex CjkName();

    [GeneratedRegex(@"^\p{Lu}[\p{L}'.-]*(?: \p{Lu}[\p{L}'.-]*){0,3}$")]
    private static partial Regex LatinName();
}
