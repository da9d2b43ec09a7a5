using System.Globalization;
using System.Text;

namespace OrderToCash.BankStatements;

/// <summary>What the :86: information field says about the counterparty and the remittance.</summary>
public readonly record struct EntryDetails(
    string? CounterpartyName,
    string? CounterpartyAccount,
    string? Remittance,
    string? EndToEndId,
    IReadOnlyList<string> StructuredReferences);

/// <summary>Reads the bank-specific dialects of the MT940 :86: field.</summary>
/// <remarks>
/// Three families occur: the German GVC layout (<c>166?00text?20remittance?30BLZ?31account?32name</c>, with
/// <c>&gt;</c> instead of <c>?</c> at Triodos, and the Polish ZBP variant with <c>~</c> or <c>^</c>, name in 27-28
/// and IBAN in 38), the Dutch slash codes (<c>/EREF/../REMI/../NAME/../IBAN/</c>) and
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
            && char.IsAsciiDigit(joined[2]) && joined[3] is '?' or '>' or '~' or '^')
            return Gvc(joined, joined[3]);
        var trimmed = joined.TrimStart();
        if (trimmed.StartsWith('/') && SlashKeys.Any(k => trimmed.Contains('/' + k + '/', StringComparison.Ordinal)))
            return Slash(trimmed);
        var text = string.Join(' ', lines.Select(l => l.Trim()).Where(l => l.Length > 0));
        return new EntryDetails(null, null, text.Length == 0 ? null : text, null, CreditorReferences.Find(text));
    }

    private static EntryDetails Gvc(string text, char separator)
    {
        // The ?20..?29 and ?60..?63 parts joined in order, without a string per part.
        Span<Range> purpose = stackalloc Range[24];
        var purposeCount = 0;
        var purposeLength = 0;
        string? name = null, account = null, polishName = null, iban = null;
        // Polish banks (ZBP layout, '~' or '^') put the counterparty name in 27-28 and its IBAN in 38.
        var polish = separator is '~' or '^';
        var body = text.AsSpan();
        var at = 3;
        while (at <= body.Length)
        {
            var next = body[at..].IndexOf(separator);
            var end = next < 0 ? body.Length : at + next;
            var part = body[at..end];
            if (part.Length >= 2 && char.IsAsciiDigit(part[0]) && char.IsAsciiDigit(part[1]))
            {
                var code = (part[0] - '0') * 10 + (part[1] - '0');
                var value = (at + 2)..end;
                switch (code)
                {
                    case 27 or 28 when polish:
                        polishName = polishName is null ? part[2..].ToString() : polishName + part[2..].ToString();
                        break;
                    case 38 when polish: iban = part[2..].Trim().ToString(); break;
                    case 29 when polish: break; // the counterparty's address
                    case >= 20 and <= 29 or >= 60 and <= 63:
                        if (purposeCount == purpose.Length)
                        {
                            var bigger = new Range[purpose.Length * 2];
                            purpose.CopyTo(bigger);
                            purpose = bigger;
                        }
                        purpose[purposeCount++] = value;
                        purposeLength += part.Length - 2;
                        break;
                    case 31: account = part[2..].Trim().ToString(); break;
                    case 32 or 33: name = name is null ? part[2..].ToString() : name + part[2..].ToString(); break;
                }
            }
            at = end + 1;
        }
        var all = Join(body, purpose[..purposeCount], purposeLength);
        Span<int> hits = stackalloc int[SepaKeys.Length];
        FindKeywords(all, SepaKeys, hits);
        var e2e = KeywordValue(all, SepaKeys, hits, EndToEndKey);
        var purposeText = KeywordValue(all, SepaKeys, hits, PurposeKey) ?? (hits.ContainsAnyExcept(-1) ? null : all);
        var refs = CreditorReferences.Find(all);
        if (iban is { Length: > 0 }) account = iban;
        if (account is { Length: 0 }) account = null;
        if (account is null && KeywordValue(all, SepaKeys, hits, IbanKey) is { Length: > 0 } sepa) account = sepa;
        name ??= polishName;
        return new EntryDetails(Clean(name), account, Clean(purposeText ?? all), NotProvided(e2e), refs);
    }

    private const int EndToEndKey = 0, PurposeKey = 5, IbanKey = 8;

    private static string Join(ReadOnlySpan<char> text, ReadOnlySpan<Range> parts, int length)
    {
        if (parts.Length == 0) return "";
        if (parts.Length == 1) return text[parts[0]].ToString();
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(length);
        var n = 0;
        foreach (var part in parts)
        {
            text[part].CopyTo(buffer.AsSpan(n));
            n += text[part].Length;
        }
        var joined = new string(buffer, 0, n);
        System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        return joined;
    }

    /// <summary>
    /// Where each keyword first starts in the text (-1 when absent). A keyword found inside the text of a keyword
    /// listed before it is looked for again further on.
    /// </summary>
    private static void FindKeywords(string text, string[] keys, Span<int> hits)
    {
        for (var k = 0; k < keys.Length; k++)
        {
            hits[k] = -1;
            var at = text.IndexOf(keys[k], StringComparison.Ordinal);
            while (at >= 0)
            {
                var inside = false;
                for (var j = 0; j < k; j++)
                    if (hits[j] >= 0 && hits[j] <= at && at < hits[j] + keys[j].Length) { inside = true; break; }
                if (!inside) { hits[k] = at; break; }
                at = text.IndexOf(keys[k], at + 1, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The text after keyword k up to the next keyword found, or null when k is absent.</summary>
    private static string? KeywordValue(string text, string[] keys, ReadOnlySpan<int> hits, int k)
    {
        if (hits[k] < 0) return null;
        var from = hits[k] + keys[k].Length;
        var to = text.Length;
        foreach (var h in hits)
            if (h > hits[k] && h < to) to = h;
        return to <= from ? "" : text[from..to];
    }

    /// <summary>
    /// The original ordered amount of SWIFT's <c>/OCMT/</c> code (<c>/OCMT/USD2853,12/</c>, in :86: or in the :61:
    /// supplementary details): the amount as a decimal string with '.' and its currency, or nulls.
    /// </summary>
    public static (string? Amount, string? Currency) OriginalAmount(params string?[] texts)
    {
        foreach (var text in texts)
        {
            var at = text?.IndexOf("/OCMT/", StringComparison.Ordinal) ?? -1;
            if (at < 0) continue;
            var rest = text!.AsSpan(at + 6);
            if (rest.Length < 4 || !char.IsAsciiLetterUpper(rest[0]) || !char.IsAsciiLetterUpper(rest[1])
                || !char.IsAsciiLetterUpper(rest[2])) continue;
            var end = 3;
            while (end < rest.Length && (char.IsAsciiDigit(rest[end]) || rest[end] is ',' or '.')) end++;
            if (end == 3) continue;
            return (rest[3..end].ToString().Replace(',', '.'), rest[..3].ToString());
        }
        return (null, null);
    }

    private static EntryDetails Slash(string text)
    {
        var hits = new int[SlashMarkers.Length];
        FindKeywords(text, SlashMarkers, hits);
        string? Get(string key) => KeywordValue(text, SlashMarkers, hits, Array.IndexOf(SlashKeys, key));
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

    private static string? Clean(string? text)
    {
        var t = text?.Trim().TrimEnd('/').Trim();
        return string.IsNullOrEmpty(t) ? null : t;
    }

    private static string? NotProvided(string? text) =>
        text is null || text.Trim().Equals("NOTPROVIDED", StringComparison.OrdinalIgnoreCase) ? null : text.Trim();
}

/// <summary>
/// Creditor references found in free text, check digits verified: ISO 11649 ("RF18 5390 0754 7034") and the
/// Belgian structured communication ("+++090/9337/55493+++" or "***090/9337/55493***", given as CODA gives it).
/// </summary>
public static class CreditorReferences
{
    public static IReadOnlyList<string> Find(string text)
    {
        List<string>? found = null;
        FindBelgian(text, "+++", ref found);
        FindBelgian(text, "***", ref found);
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

    /// <summary>12 digits between the markers (slashes and spaces allowed); the last two = the first ten mod 97.
    /// </summary>
    private static void FindBelgian(string text, string marker, ref List<string>? found)
    {
        Span<char> digits = stackalloc char[12];
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        while (at >= 0)
        {
            var n = 0;
            var i = at + marker.Length;
            for (; i < text.Length && n <= 12; i++)
            {
                var c = text[i];
                if (char.IsAsciiDigit(c)) { if (n < 12) digits[n] = c; n++; }
                else if (c is not ('/' or ' ')) break;
            }
            if (n == 12 && text.AsSpan(i).StartsWith(marker, StringComparison.Ordinal) && IsBelgian(digits))
            {
                var d = new string(digits);
                var reference = $"+++{d[..3]}/{d[3..7]}/{d[7..]}+++";
                if (!(found?.Contains(reference) ?? false)) (found ??= []).Add(reference);
                i += marker.Length;
            }
            at = text.IndexOf(marker, Math.Max(i, at + 1), StringComparison.Ordinal);
        }
    }

    private static bool IsBelgian(ReadOnlySpan<char> digits)
    {
        var body = long.Parse(digits[..10], CultureInfo.InvariantCulture);
        var check = (int)(body % 97);
        return (check == 0 ? 97 : check) == int.Parse(digits[10..], CultureInfo.InvariantCulture);
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
