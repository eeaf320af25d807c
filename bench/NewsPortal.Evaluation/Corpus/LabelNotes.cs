namespace NewsPortal.Evaluation.Corpus;

/// <summary>The metadata field a <see cref="LabelNote"/> is about.</summary>
public enum LabelField { Title, Published, Authors, Body }

/// <summary>
/// A reviewed remark on one page's label (docs/evaluation.md, "Labels that contradict the spec").
/// With <see cref="LabelOffset"/> it corrects how the label is read (the clock it was written in);
/// without, it says the label contradicts the extraction spec or the page, and the page is left out
/// of the "spec-consistent" columns for that field. The raw columns always count every label.
/// </summary>
public sealed record LabelNote(string Folder, string PageId, LabelField Field, string Reason, TimeSpan? LabelOffset = null)
{
    public bool Excludes => LabelOffset is null;
}

/// <summary>
/// Every note, found by reading the page. Each names what on the page shows the label is off, so a
/// reader can check it; none is there to turn a miss of ours into a match.
/// </summary>
public static class LabelNotes
{
    private const string Cwce = "immortal-autumn__Chinese-Web-Content-Extraction-Dataset";
    private const string Trafilatura = "adbar__trafilatura";
    private const string Gne = "kingname__GeneralNewsExtractor";
    private const string Readability = "mozilla__readability";

    public static IReadOnlyList<LabelNote> All { get; } =
    [
        // A label naming the 责任编辑: the spec keeps the responsible editor apart from the authors.
        new(Cwce, "33a95b71-b49b-42c1-9c0a-ab8e3feba3cf", LabelField.Authors, "names the page's 责任编辑 (（ 责任编辑：魏喆 ）)"),
        new(Cwce, "8baa71e3-7cfa-4850-bb54-c6db4e0c3b70", LabelField.Authors, "names the page's 责任编辑 (（ 责任编辑：刘林源 ）)"),
        new(Trafilatura, "xinhuanet.com.c_1125597921.html", LabelField.Authors, "names the page's 责任编辑 (责任编辑：焦鹏); the byline is （评论员 罗博 萧海川）"),
        new(Readability, "gmw", LabelField.Authors, "names the page's 责任编辑 (作者：责任编辑：肖春芳; the CMS copies the editor into <meta name=author>)"),
        new(Gne, "guancha/2.html", LabelField.Authors, "names the page's 责任编辑 (责任编辑:刘响)"),
        new(Gne, "guancha/3.html", LabelField.Authors, "names the page's 责任编辑 (责任编辑:于文凯)"),
        // Readability's byline is whatever text its heuristics found; these are not the article's people.
        new(Readability, "heise", LabelField.Authors, "names the site itself (byline = siteName = \"Mac & i\"); the spec never takes the site for an author"),
        new(Readability, "herald-sun-1", LabelField.Authors, "is a teaser's byline further down; the article's author is Laurie Oakes (article:author, cite.author)"),
        new(Readability, "salon-1", LabelField.Authors, "is a \"most read\" teaser's byline; the article's byline under the h1 is Richard (R.J.) Eskow (rel=author)"),
        new(Readability, "pixnet", LabelField.Authors, "is the blog's name (= og:site_name) with the user id in brackets, not a person's name"),
        new(Readability, "seattletimes-1", LabelField.Authors, "is the date line (\"April 28, 2019 at 6:01 am Updated …\"), not a name"),
        new(Readability, "webmd-1", LabelField.Authors, "adds a credential and the outlet line (\"Brenda Goodman, MA / WebMD Health News\")"),
        // Author labels that are no name on the page: a placeholder, a misspelling, places.
        new(Trafilatura, "sibenlab.blogspot.com.privacy.html", LabelField.Authors, "is Blogger's placeholder for a profile without a name (<a class='g-profile' rel='author'><span itemprop='name'>Unknown</span>), not a person"),
        new(Gne, "gamersky/gamersky.html", LabelField.Authors, "is GNE's placeholder 未知 (\"unknown\"), which the page nowhere shows"),
        new(Trafilatura, "ingenieur.de.kernfusion.html", LabelField.Authors, "misspells the name: the page writes Alexandra Ilina six times (meta author, twitter:data1 \"Verfasst von\", JSON-LD, /autor/alexandra-ilina/) and Illina nowhere"),
        new(Trafilatura, "beyssonmanagement.com.innovation.html", LabelField.Authors, "spells the name Beyß; the page writes \"von Guido Beyss\" (and BeyssOnManagement) and Beyß nowhere"),
        new(Trafilatura, "wevolver.com.3dprinting.html", LabelField.Authors,
            "adds the writer's institution (\"James Lynch from University of Michigan\"); the byline links James Lynch to /profile/james.lynch, then \"from\" and a link to the university, and JSON-LD names James Lynch"),
        new(Trafilatura, "battery-news.de.ultium-cells.html", LabelField.Authors,
            "is a desk credit that names no one (\"Die Redaktion von Battery News\"; the page shows \"Autor: Die Redaktion\"), which the spec never takes for an author; the tags name Cornelius Karow (meta author, twitter:data1 \"Verfasst von\", JSON-LD)"),
        new(Trafilatura, "exxpress.at-zaehne.html", LabelField.Authors,
            "is a desk credit that names no one (the page's author box says only <span class=\"author\">Redaktion</span>), which the spec never takes for an author"),
        new(Trafilatura, "Volksstimme.ch-loehne.html", LabelField.Authors, "names places: the dateline Ormalingen and the section Baselbiet (a navigation menu item), not a writer"),
        // Titles: the spec wants the title without the site-name suffix.
        new(Readability, "gmw", LabelField.Title, "keeps the site-name suffix (\" _探索者 _光明网\")"),
        new(Readability, "pixnet", LabelField.Title, "keeps the blog and platform suffix (\" @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::\")"),
        new(Readability, "guardian-1", LabelField.Title, "keeps the author suffix og:title adds (\" | Eleanor Ainge Roy\"); the h1 has none"),
        // Title labels that are not the page's headline.
        new(Trafilatura, "kinzig.news-Nachhaltigkeit.html", LabelField.Title,
            "is the line above the headline (<span class=\"ort\">Interview mit Bernhard Mosbacher und Franziska Weber</span>, a kicker the spec keeps apart); the headline in <h2>, <title>, og:title and JSON-LD is \"Das steckt dahinter: Nachhaltigkeit bei der Spessart Tourismus GmbH\""),
        new(Trafilatura, "winfuture.de-NASA.html", LabelField.Title,
            "is a headline the page never shows (\"NASA+ startet: Streaming ohne Gebühren, …\"); h1, <title>, og:title and JSON-LD all read \"NASA+ Streaming startet: Ohne Registrierung, Gebühren oder Werbung\""),
        // Bodies: a label that leaves out article text the page holds (the spec drops the 展开全文 button, not the text it unfolds).
        new(Cwce, "d8d4c4ec-dc2a-420f-a9f8-5e8ee597b965", LabelField.Body,
            "stops at the 展开全文 button: the page's HTML holds the whole report (1,160 of about 2,900 characters labelled, up to \"…建了一家小锻造厂。\"; the rest, down to the byline 新京报记者 彭冲 山东冠县报道, sits in the same article container in <div class=\"hidden-content control-hide\"> that the button unfolds)"),
        // Dates.
        new(Cwce, "e8847578-12f0-44cb-bdb7-4eec53c18ed1", LabelField.Published,
            "is the 成文日期 (the day the notice was signed), not the 发布日期 2022年01月28日 the page shows"),
        new(Cwce, "d5bced5e-4ff7-49a8-8808-4344f0823c51", LabelField.Published,
            "is the date of a maintenance banner (请协助补充多方面… (2020年4月17日)), not of the article: JSON-LD gives datePublished 2011-06-17T11:26:10Z and dateModified 2022-02-09T08:16:00Z"),
        // Labels that are the update, not the publication, where the page shows both.
        new(Trafilatura, "pythonspeed.com.docker.html", LabelField.Published,
            "is the update: the page shows \"Last updated 04 Jun 2020, originally created 17 Jun 2019\" (datePublished 2019-06-17)"),
        new(Trafilatura, "tagesanzeiger.ch.umweltzerstoerung.html", LabelField.Published,
            "is the update: the page shows \"Aktualisiert: 11.04.2020, 10:27\" under the byline and \"Publiziert: 03.04.2020, 12:35\" (datePublished 2020-04-03T10:35:41Z)"),
        // Labels that are the update, where the page shows no other date: the spec keeps the update apart
        // (UpdatedAt) and takes the publication from the tags.
        new(Trafilatura, "hellogiggles.com.skin.html", LabelField.Published,
            "is the update: the page shows only \"Updated Mar 12, 2020 @ 10:42 am\"; JSON-LD gives datePublished 2019-10-15T16:59:59Z and dateModified 2020-03-12T14:42:17Z"),
        new(Trafilatura, "wevolver.com.3dprinting.html", LabelField.Published,
            "is the update: the page shows only \"Last updated on 20 Feb, 2020\"; JSON-LD gives datePublished 2018-02-20 and dateModified 2020-02-20, article:published_time Feb 20 2018"),
        // Labels that no date on the page supports.
        new(Trafilatura, "tegernseerstimme.de-Klimavorreiter.html", LabelField.Published,
            "is 2018-11-16, a date the page never shows: it reads \"6. November 2023\" (<time class=\"entry-date published\" datetime=\"2023-11-06T15:00:00+01:00\">)"),
        new(Trafilatura, "uusisuomi.fi.angela.html", LabelField.Published,
            "has the year wrong (2019-02-19): the page shows 19.2.2020 16:20 (<time itemProp=\"datePublished\" dateTime=\"2020-02-19T14:20:25Z\">) and no 19.2.2019"),
        new(Trafilatura, "yle.fi.3-11212601.html", LabelField.Published,
            "has the year wrong (2019-02-19): the page's own entry in its data (id 3-11212601) says datePublished 2020-02-19T14:00:00+0200, every time on it is of 19.2.2020, none of 2019-02"),
        new(Trafilatura, "wochenblatt.com-Heinen-Essen.html", LabelField.Published,
            "has the month wrong (2022-02-21): the page shows 21.01.2022 11:46 (<time itemprop=\"datePublished\">, article:published_time 2022-01-21T11:46:00+01:00) and no 21.02.2022"),
        new(Cwce, "05e98007-d810-4036-b154-2ef2fe68c2af", LabelField.Published,
            "reads the shown \"发布日期： 7/5/2005 9:23:57 PM\" day first (7 May); it is the site's en-US month-first form with a 12-hour clock (the same site shows 9/17/2004 5:54:13 AM), and the article it posts begins 【看中国2005年07月03日报道】, two days before 5 July"),
        new(Trafilatura, "tomshardware.com.rtx.html", LabelField.Published,
            "is 2020-11-02, a date the page never shows: it reads \"04 November 2020\" (<time itemprop=\"datePublished\" datetime=\"2020-11-04T21:53:22Z\">, parsely-pub-date the same)"),
        new(Trafilatura, "diem25.org.climate.html", LabelField.Published,
            "is 2020-12-12, a date the page never shows: the byline reads \"12/10/2020\" (<time datetime=\"2020-10-12\" pubdate>, datePublished 2020-10-12T12:29:10+00:00)"),
        new(Cwce, "0ef8393b-0415-494c-b608-1d45bb33c6fb", LabelField.Published,
            "is Paris time: rfi.fr shows \"06/02/2022 - 13:48\" for datetime 2022-02-06T12:48:06+00:00", TimeSpan.FromHours(1)),
    ];

    public static LabelNote? Find(LabelledPage page, LabelField field)
    {
        var path = page.Path.Replace('\\', '/');
        return All.FirstOrDefault(n => n.Field == field && n.PageId == page.Id && path.Contains($"/{n.Folder}/", StringComparison.Ordinal));
    }
}
