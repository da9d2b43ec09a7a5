using System.Text;

namespace OrderToCash.BankStatements;

/// <summary>What the :86: information field says about the counterparty and the remittance.</summary>
public sealed record EntryDetails(
    string? CounterpartyName,
    string? CounterpartyAccount,
    string? Remittance,
    string? EndToEndId,
    IReadOnlyList<string> StructuredReferences);

/// <summary>Reads the bank-specific dialects of the MT940 :86: field.</summary>
/// <remarks>
/// Three families occur: the German GVC layout (<c>166?00text?20remittance?30BLZ?31account?32name</c>, with
/// <c>&gt;</c> instead of <c>?</c> at Triodos), the Dutch slash codes (<c>/EREF/../REMI/../NAME/../IBAN/</c>) and
/// free text. Structured layouts are wrapped at a fixed width in the middle of values, so their physical lines
/// are joined without a separator before splitting; free text keeps its line breaks as spaces.
/// </remarks>
public static class Mt940Details
{
    private static readonly string[] SlashKeys =
    [
        "TRTP", "IBAN", "BIC", "NAME", "REMI", "EREF", "CNTP", "MARF", "CSID", "ORDP", "BENM", "ULTC", "ULTD",
        "ULTB", "PURP", "RTRN", "ISDT", "CDTRREFTP", "CDTRREF", "PREF", "BUSP", "SVCL", "ADDR", "ID", "KREF",
        "OCMT", "CHGS", "EXCH", "IREF", "TRCD", "FEES", "PAYM", "CITY", "ACCW", "BENF", "INFO", "RETR",
    ];

    private static readonly string[] SlashMarkers = SlashKeys.Select(k => '/' + k + '/').ToArray();

    private static readonly string[] SepaKeys =
        ["EREF+", "KREF+", "MREF+", "CRED+", "DEBT+", "SVWZ+", "ABWA+", "ABWE+", "IBAN+", "BIC+", "COAM+", "OAMT+"];

    public static EntryDetails Parse(IReadOnlyList<string> lines)
    {
        var joined = lines.Count == 1 ? lines[0].TrimEnd() : string.Concat(lines.Select(l => l.TrimEnd()));
        if (joined.Length >= 4 && char.IsAsciiDigit(joined[0]) && char.IsAsciiDigit(joined[1])
            && char.IsAsciiDigit(joined[2]) && joined[3] is '?' or '>')
            return Gvc(joined, joined[3]);
        var trimmed = joined.TrimStart();
        if (trimmed.StartsWith('/') && SlashKeys.Any(k => trimmed.Contains('/' + k + '/', StringComparison.Ordinal)))
            return Slash(trimmed);
        var text = string.Join(' ', lines.Select(l => l.Trim()).Where(l => l.Length > 0));
        return new EntryDetails(null, null, text.Length == 0 ? null : text, null, CreditorReferences.Find(text));
    }

    private static EntryDetails Gvc(string text, char separator)
    {
        var remittance = new StringBuilder();
        string? name = null, account = null, bank = null;
        foreach (var part in text[3..].Split(separator))
        {
            if (part.Length < 2 || !char.IsAsciiDigit(part[0]) || !char.IsAsciiDigit(part[1])) continue;
            var code = (part[0] - '0') * 10 + (part[1] - '0');
            var value = part[2..];
            switch (code)
            {
                case >= 20 and <= 29 or >= 60 and <= 63: remittance.Append(value); break;
                case 30: bank = value.Trim(); break;
                case 31: account = value.Trim(); break;
                case 32 or 33: name = (name ?? "") + value; break;
            }
        }
        var all = remittance.ToString();
        var sepa = SplitKeywords(all, SepaKeys);
        var e2e = sepa.GetValueOrDefault("EREF+");
        var purpose = sepa.GetValueOrDefault("SVWZ+") ?? (sepa.Count == 0 ? all : null);
        var refs = CreditorReferences.Find(all);
        if (account is { Length: 0 }) account = null;
        if (account is null && sepa.GetValueOrDefault("IBAN+") is { Length: > 0 } iban) account = iban;
        return new EntryDetails(
            Clean(name), account ?? (string.IsNullOrEmpty(bank) ? null : null), Clean(purpose ?? all),
            NotProvided(e2e), refs);
    }

    private static EntryDetails Slash(string text)
    {
        var values = SplitKeywords(text, SlashMarkers);
        string? Get(string key) => values.GetValueOrDefault('/' + key + '/');
        string? name = Get("NAME"), account = Get("IBAN");
        if (Get("CNTP") is { } cntp)
        {
            // CNTP = account/BIC/name/city
            var parts = cntp.Split('/');
            account ??= parts.Length > 0 ? parts[0] : null;
            if (name is null && parts.Length > 2) name = parts[2];
        }
        var refs = new List<string>();
        var remi = Get("REMI");
        if (remi is not null)
        {
            if (remi.StartsWith("USTD//", StringComparison.Ordinal)) remi = remi[6..];
            else if (remi.StartsWith("STRD/", StringComparison.Ordinal))
            {
                var parts = remi.Split('/', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 3) refs.Add(parts[^1]);
                remi = parts.Length >= 3 ? parts[^1] : remi;
            }
        }
        if (Get("CDTRREF") is { Length: > 0 } creditorRef) refs.Add(creditorRef.Trim('/'));
        foreach (var r in CreditorReferences.Find(remi ?? "")) if (!refs.Contains(r)) refs.Add(r);
        return new EntryDetails(Clean(name), Clean(account), Clean(remi?.TrimEnd('/')),
            NotProvided(Clean(Get("EREF"))), refs);
    }

    /// <summary>Splits "K1value1K2value2" at the first occurrence of each known keyword, in text order.</summary>
    internal static Dictionary<string, string> SplitKeywords(string text, IReadOnlyList<string> keys)
    {
        var hits = new List<(int At, string Key)>();
        foreach (var key in keys)
        {
            var at = text.IndexOf(key, StringComparison.Ordinal);
            // A key nested in another key's text (/NAME/ inside /CNTP/...) still starts a value of its own.
            while (at >= 0)
            {
                if (!hits.Any(h => h.At <= at && at < h.At + h.Key.Length)) { hits.Add((at, key)); break; }
                at = text.IndexOf(key, at + 1, StringComparison.Ordinal);
            }
        }
        hits.Sort((a, b) => a.At.CompareTo(b.At));
        var result = new Dictionary<string, string>();
        for (var i = 0; i < hits.Count; i++)
        {
            var from = hits[i].At + hits[i].Key.Length;
            var to = i + 1 < hits.Count ? hits[i + 1].At : text.Length;
            if (to < from) to = from;
            result.TryAdd(hits[i].Key, text[from..to]);
        }
        return result;
    }

    private static string? Clean(string? text)
    {
        var t = text?.Trim().TrimEnd('/').Trim();
        return string.IsNullOrEmpty(t) ? null : t;
    }

    private static string? NotProvided(string? text) =>
        text is null || text.Trim().Equals("NOTPROVIDED", StringComparison.OrdinalIgnoreCase) ? null : text.Trim();
}

/// <summary>ISO 11649 creditor references ("RF18 5390 0754 7034") found in free text, check digits verified.</summary>
public static class CreditorReferences
{
    public static IReadOnlyList<string> Find(string text)
    {
        List<string>? found = null;
        var at = text.IndexOf("RF", StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            if (at == 0 || !char.IsAsciiLetterOrDigit(text[at - 1]))
            {
                // Groups may be separated by single spaces; the longest prefix that checks out wins.
                var sb = new StringBuilder("RF");
                string? best = null;
                var i = at + 2;
                while (i < text.Length && sb.Length <= 25)
                {
                    var c = text[i];
                    if (char.IsAsciiLetterOrDigit(c)) sb.Append(char.ToUpperInvariant(c));
                    else if (c == ' ' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]))
                    {
                        if (IsValid(sb.ToString())) best = sb.ToString();
                    }
                    else break;
                    i++;
                }
                if (IsValid(sb.ToString())) best = sb.ToString();
                if (best is not null && !(found?.Contains(best) ?? false)) (found ??= []).Add(best);
            }
            at = text.IndexOf("RF", at + 2, StringComparison.OrdinalIgnoreCase);
        }
        return found ?? (IReadOnlyList<string>)[];
    }

    /// <summary>RF + 2 check digits + up to 21 characters, mod 97 = 1 after moving "RFcc" to the end.</summary>
    public static bool IsValid(string reference)
    {
        if (reference.Length is < 5 or > 25 || !reference.StartsWith("RF", StringComparison.Ordinal)) return false;
        if (!char.IsAsciiDigit(reference[2]) || !char.IsAsciiDigit(reference[3])) return false;
        var rearranged = reference[4..] + reference[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            if (char.IsAsciiDigit(c)) remainder = (remainder * 10 + (c - '0')) % 97;
            else if (char.IsAsciiLetterUpper(c)) remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            else return false;
        }
        return remainder == 1;
    }
}
