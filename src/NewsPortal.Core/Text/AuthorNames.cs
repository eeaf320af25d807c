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
        // Credits that name no person.
        "agencies", "agency", "staff", "staff writer", "newsroom", "web desk", "online desk", "news desk", "editorial staff",
        "redaktion", "die redaktion", "rédaction", "la rédaction", "redacción", "la redacción", "redação", "redazione",
        "the editors", "editors", "编辑部", "本报编辑部",
        // A template's placeholder where no writer was entered (<meta name="author" content="No Author">).
        "no author", "unknown author", "anonymous author", "no byline", "not available", "n/a", "kein autor", "sans auteur",
        "sin autor", "sem autor",
        // A byline's "by" on its own, left when the names it led to were elsewhere in the markup (a
        // bare "por" before a name on the next line).
        "by", "von", "par", "por", "door", "av", "af", "per", "de", "di", "da",
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
        var trimmed = PaddedCjkName().IsMatch(value) ? WhiteSpace().Replace(value, "") : value.Trim();
        // CJK names are separated by spaces too; Latin names contain spaces, so only punctuation splits them.
        var parts = trimmed.Any(char.IsAsciiLetter) ? LatinSeparators().Split(trimmed) : Separators().Split(trimmed);
        // A news agency's lower-case code after the writer ("Von David Hutzler, dpa") says whom the writer
        // works for; alone ("dpa/lno") it is no name list at all, as before.
        if (parts.Length >= 2 && AgencyCode().IsMatch(parts[^1].Trim()) && IsPlausibleName(WithoutRole(parts[^2].Trim())))
            parts = parts[..^1];
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

    /// <summary>Whether a whole author field says there is no writer ("No Author", "佚名", "admin"): a trailing role word must not be cut off it first.</summary>
    public static bool SaysNoOne(string value) => NotNames.Contains(value);

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
    /// vouches for one: a lone lower-case word anywhere else is more often a word than a name. A CMS's
    /// administrator account (<c>wordpressadmin</c>) and a byline's bare "by" (<c>por</c> before a name on
    /// the next line) are not the writer.
    /// </summary>
    public static bool IsHandle(string name) =>
        !NotNames.Contains(name) && Handle().IsMatch(name) && !name.Contains("admin", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a string reads as a person's name where nothing labels it as one: two or three capitalised words
    /// with lower-case letters after the first ("Jane Doe", "Boris T. Kaiser", "Christoph von Eichhorn"), none a
    /// word publications name themselves with ("Daily News", "Die Zeitung").
    /// </summary>
    public static bool ReadsAsPerson(string name) =>
        PersonName().IsMatch(name) && !name.Split(' ').Any(OutletWords.Contains) && !LeadingArticle().IsMatch(name);

    [GeneratedRegex(@"^(?:The|Die|Der|Das|Le|La|Les|El|Il|Lo|Los|Las) ")]
    private static partial Regex LeadingArticle();

    private static readonly HashSet<string> OutletWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "news", "online", "magazin", "magazine", "zeitung", "times", "post",
        "journal", "radio", "tv", "daily", "weekly", "blog", "media", "press", "presse", "tribune", "herald", "nachrichten", "noticias",
        "diario", "revista", "group", "foundation", "stiftung", "verlag", "network", "today", "world", "report", "review",
    };

    // Capitals after the first letter of a word only in a double name ("Berenberg-Consbruch"), so that
    // acronyms and shouted headings do not pass; an initial or a surname particle may stand between the words.
    [GeneratedRegex(@"^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?: (?:\p{Lu}\.|von|van|de|da|del|di|du|la|le|dos|der|den|ter))*(?: \p{Lu}['’]?\p{Ll}+(?:-\p{Lu}\p{Ll}+)?){1,2}$")]
    private static partial Regex PersonName();

    [GeneratedRegex(@"^[a-z]{2,4}$")]
    private static partial Regex AgencyCode();

    // A two- or three-character name set out to the width of a longer one ("赵  培", "王 小 明"): one
    // name, not single characters.
    [GeneratedRegex(@"^\s*\p{IsCJKUnifiedIdeographs}(?:[ \u3000]+\p{IsCJKUnifiedIdeographs}){1,2}\s*$")]
    private static partial Regex PaddedCjkName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    // The commonest Chinese surnames (they cover most of the population); compound ones first.
    private const string CompoundSurnames = "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 夏侯 长孙 宇文 司徒 端木";
    private const string Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

    /// <summary>
    /// Whether a 2–4 character Han string reads as a person's name: it starts with a common surname.
    /// Used where nothing labels the name (a line under the headline that holds only a name), so a
    /// two-character word such as 显示 is not taken for one.
    /// </summary>
    public static bool IsLikelyChineseName(string name)
    {
        if (name.Length is < 2 or > 4 || !CjkName().IsMatch(name) || NotNames.Contains(name)) return false;
        if (name.Length >= 3 && CompoundSurnames.Contains(name[..2], StringComparison.Ordinal)) return true;
        return Surnames.Contains(name[0]);
    }

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

    // Capitalised words, with the lower-case particles of European surnames between them
    // ("Christoph von Eichhorn", "Ludwig van der Berg", "John v. Berenberg-Consbruch").
    // The apostrophe may be typographic ("Conan O’Brien", "D’Angelo").
    [GeneratedRegex(@"^\p{Lu}[\p{L}'’.-]*(?: (?:(?:von|van|vom|zu|der|den|de|da|del|della|di|du|le|la|ter|ten|bin|ibn|al|el|dos|das|do|v\.) )*\p{Lu}[\p{L}'’.-]*){0,3}$")]
    private static partial Regex LatinName();
}
