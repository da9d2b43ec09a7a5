using System.Text.RegularExpressions;
using OrderToCash.Money;

namespace OrderToCash.BankStatements;

/// <summary>Streaming parser for SWIFT MT940 (customer statement) and MT942 (interim report) files.</summary>
/// <remarks>
/// Tolerates the transport variants seen in real files: SWIFT FIN blocks <c>{1:}{2:}{4:</c> .. <c>-}</c>,
/// SOH/ETX/SUB control bytes, free-text preambles, <c>-</c> separators or none, blank lines and trailing
/// spaces. One <see cref="ParsedStatement"/> per <c>:20:</c> message, yielded as soon as it ends.
/// Amounts use the decimal comma; a dot is accepted for the old zero-padded Rabobank layout.
/// </remarks>
public static partial class Mt940
{
    private static readonly HashSet<string> KnownTags =
    [
        "20", "21", "25", "25P", "28", "28C", "60F", "60M", "61", "62F", "62M", "64", "65", "86",
        "13", "13D", "34F", "90C", "90D", "NS", "12", "26", "23",
    ];

    [GeneratedRegex(@"^([CDcd])(\d{6})([A-Za-z]{3})?([\d,.]+)$")]
    private static partial Regex BalanceField();

    /// <summary>A tag field: the text after the tag on its first line, and any continuation lines.</summary>
    private sealed class Field(string tag, string line, int offset, int lineNumber)
    {
        private string? _first;
        public string Tag { get; } = tag;
        /// <summary>The first line after the tag; cut from the line only when a string is needed.</summary>
        public string First => _first ??= line[offset..];
        public ReadOnlySpan<char> FirstSpan => line.AsSpan(offset);
        public int LineNumber { get; } = lineNumber;
        public List<string>? More { get; set; }
        public int Count => 1 + (More?.Count ?? 0);
        public string this[int i] => i == 0 ? First : More![i - 1];

        public void Add(string line) => (More ??= []).Add(line);
    }

    public static IEnumerable<ParsedStatement> Read(IEnumerable<TextLine> lines, ParseContext context)
    {
        var builder = new StatementBuilder(context);
        foreach (var field in Fields(lines, context))
        {
            if (field is null)
            {
                if (builder.Flush() is { } done) yield return done;
                continue;
            }
            if (field.Tag == "20" && builder.Flush() is { } previous) yield return previous;
            builder.Add(field);
        }
        if (builder.Flush() is { } last) yield return last;
        if (!builder.SawAnyTag) throw context.Fail(1, "no MT940/MT942 tag (:20:, :61: ...) found");
    }

    /// <summary>The tag fields of the file; null marks the end of a message (<c>-</c> or <c>-}</c>).</summary>
    private static IEnumerable<Field?> Fields(IEnumerable<TextLine> lines, ParseContext context)
    {
        Field? current = null;
        var pendingColon = false;
        foreach (var line in lines)
        {
            var text = StripControl(line.Text).TrimEnd();
            // A tag wrapped right after its first colon (":" then "86:...") is put back together.
            if (pendingColon) { text = ":" + text; pendingColon = false; }
            else if (text == ":") { pendingColon = true; continue; }
            while (text.StartsWith('{'))
            {
                var body = text.IndexOf("{4:", StringComparison.Ordinal);
                if (body >= 0) { text = text[(body + 3)..]; break; }
                text = "";
            }
            if (text.AsSpan().TrimStart() is "-" || text.StartsWith("-}", StringComparison.Ordinal) || text == "}")
            {
                if (current is not null) yield return current;
                current = null;
                yield return null;
                continue;
            }
            if (text.Trim().Length == 0) continue;
            // Some exports indent every line: a known tag after leading blanks is still a tag.
            if (text[0] == ' ' && text.TrimStart() is var trimmed && Tag(trimmed) is { } indented
                && KnownTags.Contains(indented)) text = trimmed;
            if (Tag(text) is { } tag && (KnownTags.Contains(tag) || current?.Tag is not ("86" or "NS")))
            {
                if (current is not null) yield return current;
                current = new Field(tag, text, tag.Length + 2, line.Number);
            }
            else current?.Add(text);
        }
        if (current is not null) yield return current;
    }

    /// <summary>The tag of a line ":61:..." ("61"; two digits and an optional letter, or NS), else null.</summary>
    /// <remarks>Read by hand rather than by regex: it runs on every line of the file.</remarks>
    private static string? Tag(string text)
    {
        if (text.Length < 4 || text[0] != ':') return null;
        if (text.StartsWith(":NS:", StringComparison.OrdinalIgnoreCase)) return "NS";
        if (!char.IsAsciiDigit(text[1]) || !char.IsAsciiDigit(text[2])) return null;
        var length = text[3] == ':' ? 2
            : text.Length >= 5 && char.IsAsciiLetter(text[3]) && text[4] == ':' ? 3 : 0;
        if (length == 0) return null;
        // Some exports write the tag letter in lowercase (":60f:", ":28c:"): the tag is the same.
        return KnownTagSpans.TryGetValue(text.AsSpan(1, length), out var known)
            ? known
            : text.Substring(1, length).ToUpperInvariant();
    }

    // Known tags come back as the shared string: a tag lookup costs no allocation per line.
    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownTagSpans =
        KnownTags.ToDictionary(t => t, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static string StripControl(string text)
    {
        if (!text.AsSpan().ContainsAny('\u0001', '\u0003', '\u001A')) return text;
        return text.Replace("\u0001", "").Replace("\u0003", "").Replace("\u001A", "");
    }

    private sealed class StatementBuilder(ParseContext context)
    {
        private readonly List<StatementEntry> _entries = [];
        private string? _account, _id, _sequence, _currencyCode, _lastCurrency;
        private StatementBalance? _opening, _closing;
        private Field? _line;
        private readonly List<string> _info = [];
        // Statement lines read before any currency is known (an MT942 without :34F:, whose first currency comes
        // in :90D:/:90C: after the lines): their amounts are read once the currency is known.
        private readonly List<(Field Line, string[] Info)> _waiting = [];
        private Control? _debits, _credits;
        private int _startLine;
        private bool _any;

        public bool SawAnyTag { get; private set; }

        public void Add(Field field)
        {
            SawAnyTag = true;
            if (!_any) { _startLine = field.LineNumber; _any = true; }
            string Value() => field.First.Trim();
            // Only :86: (and the Hungarian :NS:) continue the :61: before them; any other tag closes it.
            if (field.Tag is not ("86" or "NS")) FinishEntry();
            switch (field.Tag)
            {
                case "20": break;
                case "25" or "25P": _account = Value(); break;
                case "28" or "28C":
                    var number = field.More is null ? Value()
                        : Value() + string.Concat(field.More.Select(l => l.Trim()));
                    var slash = number.IndexOf('/');
                    _id = (slash < 0 ? number : number[..slash]).Trim();
                    _sequence = slash < 0 ? null : number[(slash + 1)..].Trim();
                    break;
                case "60F" or "60M": _opening = Balance(field, Value()); break;
                case "62F" or "62M": _closing = Balance(field, Value()); break;
                case "34F":
                    if (Value() is { Length: >= 3 } floor) _currencyCode ??= floor[..3].ToUpperInvariant();
                    break;
                case "90D": _debits = Sum(field, Value()) ?? _debits; break;
                case "90C": _credits = Sum(field, Value()) ?? _credits; break;
                case "61": _line = field; break;
                case "86" or "NS":
                    if (_line is null) break;
                    _info.Add(field.First);
                    if (field.More is not null) _info.AddRange(field.More);
                    break;
                case "21" or "64" or "65" or "13" or "13D": break;
                default: context.Warn(field.LineNumber, $"tag :{field.Tag}: ignored"); break;
            }
            if (_waiting.Count > 0 && _currencyCode is not null) Release();
        }

        public ParsedStatement? Flush()
        {
            FinishEntry();
            if (!_any) return null;
            if (_waiting.Count > 0)
            {
                _currencyCode ??= CurrencyFallback(_waiting[0].Line.LineNumber);
                Release();
            }
            CheckControl(_debits, ":90D:", e => e.AmountMinor < 0);
            CheckControl(_credits, ":90C:", e => e.AmountMinor > 0);
            _debits = _credits = null;
            var statement = new ParsedStatement
            {
                Account = _account, Currency = _currencyCode ?? _lastCurrency ?? "XXX", StatementId = _id,
                SequenceNumber = _sequence,
                OpeningBalance = _opening, ClosingBalance = _closing, FromDate = _opening?.Date,
                ToDate = _closing?.Date, Entries = _entries.ToArray(), LineNumber = _startLine,
            };
            _entries.Clear();
            _lastCurrency = _currencyCode ?? _lastCurrency;
            _account = _id = _sequence = _currencyCode = null;
            _opening = _closing = null;
            _any = false;
            return statement;
        }

        private StatementBalance Balance(Field field, string value)
        {
            var m = BalanceField().Match(value.Replace(" ", ""));
            if (!m.Success)
                throw context.Fail(field.LineNumber, $"balance :{field.Tag}: '{value}' is not D/C+YYMMDD+CCY+amount");
            var code = m.Groups[3].Success ? m.Groups[3].Value.ToUpperInvariant()
                : _currencyCode ?? AccountCurrency(_account) ?? CurrencyFallback(field.LineNumber);
            _currencyCode ??= code;
            var amount = ParseAmount(m.Groups[4].Value, context.Scale(code, field.LineNumber), field.LineNumber);
            var date = ParseContext.Date(m.Groups[2].Value, "yyMMdd");
            if (date is null) context.Warn(field.LineNumber, $"balance date '{m.Groups[2].Value}' is not a date");
            return new StatementBalance(m.Groups[1].Value is "D" or "d" ? -amount : amount, date);
        }

        private long ParseAmount(ReadOnlySpan<char> text, Currency scale, int line)
        {
            var sign = text.Contains(',') ? ',' : '.';
            return context.Amount(text, scale, sign, line, "amount");
        }

        /// <summary>The number and sum of debit (:90D:) or credit (:90C:) entries: count, currency, amount.</summary>
        private sealed record Control(int Count, long AmountMinor, int Line);

        /// <remarks>A control field says nothing about the entries themselves: one that cannot be read is a
        /// warning, not a refusal.</remarks>
        private Control? Sum(Field field, string value)
        {
            var text = value.Replace(" ", "");
            var digits = 0;
            while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
            var code = digits > 0 && digits <= 9 && text.Length >= digits + 4
                && text.Substring(digits, 3).All(char.IsAsciiLetter) ? text.Substring(digits, 3).ToUpperInvariant()
                : null;
            var amount = text.AsSpan(code is null ? 0 : digits + 3);
            var sign = amount.Contains(',') ? ',' : '.';
            if (code is null
                || !ParseContext.TryMinor(amount, context.Scale(code, field.LineNumber), sign, out var minor))
            {
                context.Warn(field.LineNumber, $":{field.Tag}: '{value}' is not count+CCY+amount; not checked");
                return null;
            }
            _currencyCode ??= code;
            return new Control(int.Parse(text.AsSpan(0, digits)), minor, field.LineNumber);
        }

        /// <summary>:90D:/:90C: against the entries read: a warning, or a refusal in strict mode.</summary>
        private void CheckControl(Control? control, string tag, Func<StatementEntry, bool> side)
        {
            if (control is null) return;
            var count = 0;
            long sum = 0;
            foreach (var entry in _entries)
                if (side(entry)) { count++; sum = checked(sum + Math.Abs(entry.AmountMinor)); }
            var scale = context.Scale(_currencyCode, control.Line);
            context.Integrity(count == control.Count && sum == control.AmountMinor, $"line {control.Line}",
                $"{tag} says {control.Count} entries of {Amounts.Format(control.AmountMinor, scale)}, the statement " +
                $"has {count} of {Amounts.Format(sum, scale)}");
        }

        private void FinishEntry()
        {
            if (_line is null) return;
            var field = _line;
            _line = null;
            _currencyCode ??= AccountCurrency(_account);
            if (_currencyCode is null)
            {
                if (_waiting.Count < MaxWaiting)
                {
                    _waiting.Add((field, _info.ToArray()));
                    _info.Clear();
                    return;
                }
                _currencyCode = CurrencyFallback(field.LineNumber);
                Release();
            }
            Book(field, _info);
            _info.Clear();
        }

        // Bounded: a file that gives no currency for this many lines falls back to the last one seen.
        private const int MaxWaiting = 100_000;

        private void Release()
        {
            foreach (var (line, info) in _waiting) Book(line, info);
            _waiting.Clear();
        }

        /// <summary>
        /// The currency an account number ends with (<c>NL77INGB0574908765EUR</c>, <c>12345678/EUR</c>), else null.
        /// </summary>
        private static string? AccountCurrency(string? account)
        {
            if (account is not { Length: > 4 } a) return null;
            var code = a[^3..];
            return (char.IsAsciiDigit(a[^4]) || a[^4] is '/' or ' ') && code.All(char.IsAsciiLetterUpper)
                && Currency.IsKnown(code) ? code : null;
        }

        private void Book(Field field, IReadOnlyList<string> info)
        {
            _currencyCode ??= CurrencyFallback(field.LineNumber);
            var first = field.FirstSpan.Trim();
            var ok = StatementLineParts.TryRead(first, out var m);
            var text = first;
            var used = 1;
            // A line wrapped inside the amount (":61:1811261126CR" + "30,00N062NONREF") is read joined.
            if ((!ok || first[m.Rest].Length == 0) && field.Count > 1
                && string.Concat(first, field[1].AsSpan().Trim()) is var wrapped
                && StatementLineParts.TryRead(wrapped, out var joined))
            {
                (ok, m, used) = (true, joined, 2);
                text = wrapped;
            }
            if (!ok)
                throw context.Fail(field.LineNumber, $":61: '{first.ToString()}' is not date, D/C mark and amount");
            var valueDate = ClampedDate(text[m.ValueDate], field.LineNumber);
            var bookingDate = EntryDate(text[m.EntryDate], valueDate, field.LineNumber);
            // Marks are uppercase in the standard; some exports write them in lowercase.
            Span<char> mark = stackalloc char[2];
            mark = mark[..text[m.Mark].ToUpperInvariant(mark)];
            var amount = ParseAmount(text[m.Amount], context.Scale(_currencyCode, field.LineNumber),
                field.LineNumber);
            // RC = reversal of a credit (money leaves), RD = reversal of a debit (money comes back).
            var isDebit = mark is "D" or "RC" or "ED";
            if (isDebit) amount = -amount;
            var rest = text[m.Rest];
            string? type = null;
            if (!rest.StartsWith("NONREF", StringComparison.Ordinal) && rest.Length >= 4
                && rest[0] is 'N' or 'F' or 'S')
            {
                type = Shared(rest[..4].Trim());
                rest = rest[4..];
            }
            var split = rest.IndexOf("//", StringComparison.Ordinal);
            var customerRef = split < 0 ? Blank(rest) : SharedBlank(rest[..split]);
            var bankRef = split < 0 ? null : Blank(rest[(split + 2)..]);
            var supplementary = Supplementary(field, used);
            var details = Mt940Details.Parse(info);
            var information = info.Count switch
            {
                0 => null,
                1 => info[0].TrimEnd(),
                _ => string.Join('\n', info.Select(l => l.TrimEnd())),
            };
            var (originalAmount, originalCurrency) = Mt940Details.OriginalAmount(information, supplementary);
            _entries.Add(new StatementEntry
            {
                BankReference = bankRef ?? customerRef,
                CustomerReference = customerRef,
                EndToEndId = details.EndToEndId,
                BookingDate = bookingDate ?? valueDate,
                ValueDate = valueDate,
                AmountMinor = amount,
                Currency = _currencyCode,
                CounterpartyName = details.CounterpartyName,
                CounterpartyAccount = details.CounterpartyAccount,
                Remittance = details.Remittance ?? supplementary,
                StructuredReferences = details.StructuredReferences,
                IsReversal = mark is "RC" or "RD",
                BankTransactionCode = type,
                Information = information,
                OriginalAmount = originalAmount,
                OriginalCurrency = originalCurrency,
                LineNumber = field.LineNumber,
            });
        }

        /// <summary>The supplementary details: the :61: lines after the statement line, joined by spaces.</summary>
        private static string? Supplementary(Field field, int used)
        {
            if (field.Count <= used) return null;
            var parts = new List<string>();
            for (var i = used; i < field.Count; i++)
                if (field[i].Trim() is { Length: > 0 } part) parts.Add(part);
            return parts.Count == 0 ? null : string.Join(' ', parts);
        }

        // "NONREF" and other constant customer references: one string, not one per line.
        private string? SharedBlank(ReadOnlySpan<char> text)
        {
            var t = text.Trim();
            return t.Length == 0 ? null : t.Length <= 8 ? Shared(t) : t.ToString();
        }

        // Transaction types repeat on every line ("NTRF", "NMSC"): the same string is handed out each time.
        private readonly Dictionary<string, string> _types = [];

        private string Shared(ReadOnlySpan<char> type)
        {
            var lookup = _types.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(type, out var known)) return known;
            var text = type.ToString();
            if (_types.Count < 1000) _types[text] = text;
            return text;
        }

        private string CurrencyFallback(int line)
        {
            var code = _lastCurrency ?? "XXX";
            context.Warn(line, $"no currency before this tag (:60F:/:34F:); {code} assumed");
            return code;
        }

        /// <summary>
        /// A YYMMDD date; an impossible day (Feb 30, seen in real files) is clamped to the month's end.
        /// </summary>
        private DateOnly ClampedDate(ReadOnlySpan<char> yymmdd, int line)
        {
            if (ParseContext.Date(yymmdd, "yyMMdd") is { } date) return date;
            if (ParseContext.Date($"{yymmdd[..4]}01", "yyMMdd") is { } month && int.Parse(yymmdd[4..]) is > 0 and <= 31)
            {
                var end = month.AddMonths(1).AddDays(-1);
                context.Warn(line, $"date '{yymmdd}' does not exist; {end:yyyy-MM-dd} used");
                return end;
            }
            throw context.Fail(line, $"'{yymmdd.ToString()}' is not a YYMMDD date");
        }

        /// <summary>The MMDD entry date takes the year that puts it nearest to the value date (Dec/Jan).</summary>
        private DateOnly? EntryDate(ReadOnlySpan<char> mmdd, DateOnly valueDate, int line)
        {
            if (mmdd.Trim().Length == 0) return null;
            DateOnly? best = null;
            var month = mmdd.Length == 4 && !mmdd.ContainsAnyExceptInRange('0', '9')
                ? (mmdd[0] - '0') * 10 + mmdd[1] - '0' : -1;
            var day = month < 0 ? -1 : (mmdd[2] - '0') * 10 + mmdd[3] - '0';
            foreach (var year in (ReadOnlySpan<int>)[valueDate.Year, valueDate.Year - 1, valueDate.Year + 1])
            {
                if (ParseContext.Ymd(year, month, day) is not { } d) continue;
                var distance = Math.Abs(d.DayNumber - valueDate.DayNumber);
                if (best is null || distance < Math.Abs(best.Value.DayNumber - valueDate.DayNumber))
                    best = d;
            }
            if (best is null)
                context.Warn(line, $":61: entry date '{mmdd.ToString()}' is not a date; value date used");
            return best;
        }
    }

    private static string? Blank(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        return t.Length == 0 ? null : t.ToString();
    }

    /// <summary>
    /// The parts of a :61: statement line, as ranges: value date YYMMDD, optional entry date MMDD (or four blanks),
    /// debit/credit mark (C, D, RC, RD, EC, ED), optional funds code letter, amount, and the rest (type, references).
    /// </summary>
    /// <remarks>Read by hand: a regex match per line cost a Match, its groups and a string per group.</remarks>
    private readonly record struct StatementLineParts(Range ValueDate, Range EntryDate, Range Mark, Range Amount,
        Range Rest)
    {
        public static bool TryRead(ReadOnlySpan<char> s, out StatementLineParts parts)
        {
            parts = default;
            if (s.Length < 8 || s[..6].ContainsAnyExceptInRange('0', '9')) return false;
            var i = 6;
            var entry = 6..6;
            if (s.Length >= 10 && (!s[6..10].ContainsAnyExceptInRange('0', '9') || s[6..10].IsWhiteSpace()))
            {
                // The four characters are an entry date only if a mark follows them (as the regex backtracked).
                if (MarkLength(s[10..]) > 0) { entry = 6..10; i = 10; }
            }
            var mark = MarkLength(s[i..]);
            if (mark == 0) return false;
            var markRange = i..(i + mark);
            i += mark;
            // An optional funds code letter, unless the amount starts right away.
            if (i + 1 < s.Length && char.IsAsciiLetter(s[i]) && char.IsAsciiDigit(s[i + 1])) i++;
            if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is ',' or '.')) i++;
            parts = new StatementLineParts(0..6, entry, markRange, start..i, i..s.Length);
            return true;
        }

        // The longest of RC, RD, EC, ED, C, D that starts the text and leaves a digit or funds letter after it.
        private static int MarkLength(ReadOnlySpan<char> s)
        {
            if (s.Length >= 3 && s[0] is 'R' or 'E' or 'r' or 'e' && s[1] is 'C' or 'D' or 'c' or 'd'
                && Follows(s[2..])) return 2;
            if (s.Length >= 2 && s[0] is 'C' or 'D' or 'c' or 'd' && Follows(s[1..])) return 1;
            return 0;
        }

        private static bool Follows(ReadOnlySpan<char> s) =>
            char.IsAsciiDigit(s[0]) || (s.Length >= 2 && char.IsAsciiLetter(s[0]) && char.IsAsciiDigit(s[1]));
    }
}
