using System.Globalization;
using System.Text;

namespace OrderToCash.CashApplication;

/// <summary>Normalisation of payer names and bank accounts, so spelling variants compare equal.</summary>
/// <remarks>
/// A name becomes its set of significant words: upper case, accents removed, punctuation dropped, legal forms
/// (GmbH, Ltd., Inc., B.V., 有限公司 ...) and filler words (THE, AND, &amp;) removed. Word order then no longer
/// matters, and "ACME GMBH", "Acme G.m.b.H." and "The Acme" are the same name.
/// </remarks>
public static class Names
{
    private static readonly HashSet<string> LegalForms =
    [
        "GMBH", "MBH", "AG", "KG", "KGAA", "OHG", "UG", "EV", "GBR", "LTD", "LIMITED", "INC", "INCORPORATED", "CORP",
        "CORPORATION", "CO", "COMPANY", "LLC", "LLP", "LP", "PLC", "BV", "NV", "SA", "SAS", "SARL", "SRL", "SPA",
        "SL", "SLU", "OY", "OYJ", "AB", "AS", "ASA", "APS", "PTY", "PTE", "KK", "SE", "CIE", "SNC", "SCS", "BHD",
        "SDN", "THE", "AND", "ET", "UND", "HOLDING", "HOLDINGS", "PVT", "LIABILITY", "GESMBH", "SPZOO", "OOO", "ZAO",
        "LTDA", "CV", "SAB", "SCA", "SPRL", "BVBA", "KFT", "ZRT", "DOO", "SRO", "SCARL", "EG", "MIJ",
    ];

    // Common abbreviations become their long form, on both sides of a comparison; long forms keep truncation
    // working ("MANUFACT" is the start of "MANUFACTURING").
    private static readonly Dictionary<string, string> Abbreviations = new()
    {
        ["INTL"] = "INTERNATIONAL", ["MFG"] = "MANUFACTURING", ["TECH"] = "TECHNOLOGIES",
        ["TECHNOLOGY"] = "TECHNOLOGIES", ["SVCS"] = "SERVICES", ["SERVICE"] = "SERVICES", ["IND"] = "INDUSTRIES",
        ["INDUSTRY"] = "INDUSTRIES", ["BROS"] = "BROTHERS", ["SYSTEM"] = "SYSTEMS", ["SYS"] = "SYSTEMS",
        ["ASSOC"] = "ASSOCIATES", ["DISTR"] = "DISTRIBUTION", ["ENT"] = "ENTERPRISES", ["ST"] = "SAINT",
        ["MT"] = "MOUNT", ["U"] = "UND",
    };

    // Longest first: the first that ends a CJK token is removed.
    private static readonly string[] CjkLegalForms =
        ["股份有限公司", "有限责任公司", "有限公司", "集团", "公司"];

    /// <summary>An account number or IBAN as a key: letters and digits, upper case.</summary>
    public static string Account(string account) => ReferenceKeys.Alnum(account);

    /// <summary>The significant words of a name, in their original order.</summary>
    public static string[] Tokens(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return [];
        var folded = Fold(name);
        var words = new List<string>(6);
        var current = new StringBuilder();
        foreach (var c in folded)
        {
            if (c is '.' or '\'' or '’') continue; // B.V. -> BV, O'Neil -> ONEIL
            if (char.IsLetterOrDigit(c)) { current.Append(c); continue; }
            Flush(current, words);
        }
        Flush(current, words);
        return words.ToArray();
    }

    /// <summary>A word-order independent key of a name: its sorted significant words.</summary>
    public static string Key(string name)
    {
        var tokens = Tokens(name);
        Array.Sort(tokens, StringComparer.Ordinal);
        return string.Join(' ', tokens);
    }

    private static void Flush(StringBuilder current, List<string> words)
    {
        if (current.Length == 0) return;
        var word = current.ToString();
        current.Clear();
        if (Abbreviations.TryGetValue(word, out var canonical)) word = canonical;
        if (LegalForms.Contains(word)) return;
        word = Umlauts(word);
        words.Add(StripCjkLegalForm(word));
    }

    // A CJK name ends in its legal form, possibly cut short by the bank: "有限公司", "有限", "股份有".
    private static string StripCjkLegalForm(string word)
    {
        if (word[^1] < 0x2E80) return word;
        foreach (var form in CjkLegalForms)
        {
            if (word.Length > form.Length && word.EndsWith(form, StringComparison.Ordinal)) return word[..^form.Length];
        }
        foreach (var form in CjkLegalForms.Take(3))
        {
            for (var len = form.Length - 1; len >= 1; len--)
            {
                if (word.Length > len + 2 && word.EndsWith(form[..len], StringComparison.Ordinal)) return word[..^len];
            }
        }
        return word;
    }

    // "Müller" reaches us as MÜLLER, MULLER or MUELLER (SEPA's character set): all three become MULLER.
    // Both sides of a comparison go through this, so a rare false equality (SAMUEL ~ SAMUL) does no harm.
    private static string Umlauts(string word)
    {
        if (word.Length < 3 || word[^1] >= 0x2E80) return word;
        return word.Replace("AE", "A").Replace("OE", "O").Replace("UE", "U").Replace("SS", "S");
    }

    private static string Fold(string text)
    {
        var decomposed = text.ToUpperInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch { 'ß' => 'S', 'Ø' => 'O', 'Æ' => 'A', 'Ł' => 'L', '＆' => '&', _ => c });
        }
        return sb.ToString();
    }
}
