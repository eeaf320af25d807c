namespace NewsPortal.Core.Text;

/// <summary>
/// A cheap script-based language tag: enough to set <c>lang</c> on pages and to pick the CJK tokenizer.
/// Simplified and Traditional Chinese are told apart by characters that exist in only one of them.
/// </summary>
public static class LanguageGuess
{
    // Frequent characters whose forms differ between the two scripts, paired by position.
    private const string SimplifiedOnly = "们这个会说国学时为与来对发后经关开见样从当点还进过现体实战区门问间长东车马鸟语话们军级习乐书员题";
    private const string TraditionalOnly = "們這個會說國學時為與來對發後經關開見樣從當點還進過現體實戰區門問間長東車馬鳥語話們軍級習樂書員題";

    public static string? Guess(string text)
    {
        int han = 0, latin = 0, kana = 0, hangul = 0, simplified = 0, traditional = 0;
        foreach (var c in text)
        {
            if (c is >= '\u4e00' and <= '\u9fff')
            {
                han++;
                if (SimplifiedOnly.Contains(c)) simplified++;
                else if (TraditionalOnly.Contains(c)) traditional++;
            }
            else if (c is >= '\u3040' and <= '\u30ff') kana++;
            else if (c is >= '\uac00' and <= '\ud7af') hangul++;
            else if (char.IsAsciiLetter(c)) latin++;
        }
        if (kana > 0 && kana * 10 >= han) return "ja";
        if (hangul > han && hangul > latin / 4) return "ko";
        if (han > 0 && han * 2 >= latin / 3) return traditional > simplified ? "zh-Hant" : "zh-Hans";
        return latin > 0 ? "en" : null;
    }
}
