using System.Text.RegularExpressions;

namespace OrderToCash.CashApplication;

/// <summary>A piece of remittance text that may be a document number, with the key to look it up under.</summary>
/// <param name="Type">'A' letters and digits; 'G' digit groups (also looked up as a tail).</param>
/// <param name="IsPart">A digit window that could be extended by a neighbouring group ("2026" in "RE-2026-4512"):
/// on its own it is only ever a weak (tail) reference.</param>
public readonly record struct ReferenceCandidate(char Type, string Key, string Text, bool IsPart = false);

/// <summary>Cuts remittance information into reference candidates.</summary>
/// <remarks>
/// Words are split on blanks and on , ; : ( ) [ ] # " ' | and looked at alone and in runs of two or three
/// ("INV 2026 004512"). Digit runs are found anywhere, also inside words ("RE:INV2026004512/PAY"), and joined
/// with their neighbours when only a short separator lies between them. Every candidate is looked up; only
/// hits that the index confirms count.
/// </remarks>
public static partial class Remittance
{
    // Dates are not references: 31.03.2026, 2026-03-31, 03/31/2026 are blanked before cutting.
    private const string DatePattern = @"(?<![0-9])(?:[0-3]?[0-9][./-][01]?[0-9][./-](?:19|20)[0-9]{2}"
                                       + @"|(?:19|20)[0-9]{2}[./-][01]?[0-9][./-][0-3]?[0-9])(?![0-9])";

    [GeneratedRegex(DatePattern)]
    private static partial Regex Dates();

    private const int MaxWordWindow = 3;
    private const int MaxRunWindow = 3;
    private const int MaxGap = 2;

    /// <summary>The texts of a receipt that may carry references: structured first, then free text.</summary>
    public static string Text(Receipt receipt)
    {
        var parts = new List<string>(receipt.StructuredReferences.Count + 2);
        parts.AddRange(receipt.StructuredReferences);
        parts.Add(receipt.RemittanceText);
        if (receipt.Advice is { } advice) parts.AddRange(advice.Invoices.Select(i => i.InvoiceNumber));
        if (receipt.EndToEndId.Length > 0 && !receipt.EndToEndId.Equals("NOTPROVIDED",
            StringComparison.OrdinalIgnoreCase))
            parts.Add(receipt.EndToEndId);
        return string.Join(" | ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    /// <summary>Candidates of a text, at most <paramref name="max"/>; <paramref name="truncated"/> says if
    /// more.</summary>
    public static List<ReferenceCandidate> Candidates(string text, int max, out bool truncated)
    {
        text = Dates().Replace(text, m => new string(' ', m.Length));
        var found = new List<ReferenceCandidate>();
        var cut = false;
        void Add(char type, string key, string source, bool isPart = false)
        {
            if (found.Count >= max) { cut = true; return; }
            var candidate = new ReferenceCandidate(type, key, source.Trim(), isPart);
            var at = found.FindIndex(f => f.Type == type && f.Key == key);
            if (at < 0) found.Add(candidate);
            else if (found[at].IsPart && !isPart) found[at] = candidate;
        }

        var words = text.Split([' ', '\t', '\r', '\n', ',', ';', ':', '(', ')', '[', ']', '#', '"', '\'', '|'],
            StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            for (var w = 1; w <= MaxWordWindow && i + w <= words.Length; w++)
            {
                var source = string.Join(' ', words, i, w);
                var alnum = ReferenceKeys.Alnum(source);
                if (alnum.Length < ReferenceKeys.MinAlnumLength || alnum.Length > 40) continue;
                if (!alnum.Any(char.IsAsciiDigit)) continue;
                Add('A', alnum, source);
                // An ISO 11649 creditor reference (RF + two check digits + the reference) carries the number.
                if (alnum.Length > 4 && alnum.StartsWith("RF", StringComparison.Ordinal) && char.IsAsciiDigit(alnum[2])
                    && char.IsAsciiDigit(alnum[3]))
                {
                    var payload = alnum[4..];
                    if (payload.Length >= ReferenceKeys.MinAlnumLength) Add('A', payload, source);
                    var digits = ReferenceKeys.AllDigits(payload);
                    if (digits.Length >= ReferenceKeys.MinDigits) Add('G', digits, source);
                }
            }
        }

        var runs = DigitRuns(text);
        for (var i = 0; i < runs.Count; i++)
        {
            for (var j = i; j < runs.Count && j - i < MaxRunWindow; j++)
            {
                if (j > i && !IsJoinable(text, runs[j - 1].End, runs[j].Start)) break;
                var source = text[runs[i].Start..runs[j].End];
                var groups = new List<string>(j - i + 1);
                for (var k = i; k <= j; k++) groups.Add(ReferenceKeys.StripZeros(text.AsSpan(runs[k].Start,
                    runs[k].Length)));
                if (groups.Sum(g => g.Length) < ReferenceKeys.MinDigits) continue;
                // Neighbours of three digits or more make this window part of a longer number; "1/3" does not.
                var isPart = (i > 0 && runs[i - 1].Length >= 3 && IsShortSeparator(text, runs[i - 1].End,
                    runs[i].Start))
                             || (j + 1 < runs.Count && runs[j + 1].Length >= 3
                                 && IsShortSeparator(text, runs[j].End, runs[j + 1].Start));
                Add('G', string.Join('.', groups), source, isPart);
                if (j > i) Add('G', ReferenceKeys.AllDigits(source), source, isPart);
            }
        }
        truncated = cut;
        return found;
    }

    private readonly record struct Run(int Start, int End)
    {
        public int Length => End - Start;
    }

    private static List<Run> DigitRuns(string text)
    {
        var runs = new List<Run>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            runs.Add(new Run(start, i));
        }
        return runs;
    }

    // Digit groups of one number may be separated by a few letters as well: "2026/AR/0046803", "2026AR46803".
    private static bool IsJoinable(string text, int from, int to)
    {
        if (to - from > 6) return false;
        var letters = 0;
        for (var k = from; k < to; k++)
        {
            if (char.IsAsciiLetter(text[k])) letters++;
            else if (text[k] is not (' ' or '-' or '/' or '.' or '_')) return false;
        }
        return letters <= 3 && (letters > 0 || to - from <= MaxGap);
    }

    private static bool IsShortSeparator(string text, int from, int to)
    {
        if (to - from > MaxGap) return false;
        for (var k = from; k < to; k++)
            if (text[k] is not (' ' or '-' or '/' or '.' or '_')) return false;
        return true;
    }
}
