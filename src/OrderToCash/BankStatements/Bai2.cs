using OrderToCash.Money;

namespace OrderToCash.BankStatements;

/// <summary>Streaming parser for BAI2 cash-management balance reports (01/02/03/16/88/49/98/99).</summary>
/// <remarks>
/// One <see cref="ParsedStatement"/> per 03 account record. 88 records continue the previous logical record:
/// the field list of an 01/02/03/49, or the free text of a 16 detail (kept line by line, joined with '\n',
/// because real files split words across 88 lines). A 16 text field is the rest of the line and may contain
/// commas and slashes; the trailing '/' is often missing. Amounts have 2 implied decimals. Control totals and
/// record counts of 49/98/99 are checked: a mismatch is a warning, a refusal in strict mode; a blank total or
/// count is not checked. Several complete files (01 .. 99) one after the other are read in turn. Opening =
/// summary type 010 (opening ledger), closing = 015 (closing ledger); type codes 100-399 and 900-959 credit,
/// 400-699 and 960-999 debit.
/// </remarks>
public static class Bai2
{
    /// <param name="Open">The physical line ended with the delimiter and no '/': its last field is closed.</param>
    private sealed record Record(string Code, List<string> Fields, string? Text, int Line, bool Open = false)
    {
        private List<(string Text, bool Open)>? _more;

        /// <summary>The 88 continuations: their text without the '/', and whether each ended open.</summary>
        public IReadOnlyList<(string Text, bool Open)> More => _more ?? (IReadOnlyList<(string, bool)>)[];

        /// <summary>
        /// A 16 line that ended ('/' or ',') before its references and text: the 88 after it continues its fields
        /// (the BAI2 specification's own example), not its text. Null for any other record.
        /// </summary>
        public string? Unfinished { get; init; }

        public void Continue(string text, bool open) => (_more ??= []).Add((text, open));
    }

    private static bool EndsOpen(string text) => text.TrimEnd().EndsWith(',');

    public static IEnumerable<ParsedStatement> Read(IEnumerable<TextLine> lines, ParseContext context)
    {
        var state = new State(context);
        Record? pending = null;
        foreach (var line in lines)
        {
            var text = line.Text.Trim();
            if (text.Length == 0) continue;
            var code = text.Length >= 2 ? text[..2] : text;
            if (code == "88")
            {
                if (pending is null) throw context.Fail(line.Number, "88 continuation without a record before it");
                pending.Continue(StripSlash(text.Length > 3 ? text[3..] : ""), EndsOpen(text));
                state.Count();
                continue;
            }
            if (pending is not null && state.Accept(pending) is { } done) yield return done;
            pending = Split(code, text, line.Number, context);
            state.Count();
        }
        if (pending is not null && state.Accept(pending) is { } last) yield return last;
        state.Finish();
    }

    private static Record Split(string code, string text, int line, ParseContext context)
    {
        if (code is not ("01" or "02" or "03" or "16" or "49" or "98" or "99"))
            throw context.Fail(line, $"unknown BAI2 record code '{code}'");
        if (code == "16") return Detail(text, line, context);
        return new Record(code, StripSlash(text).Split(',').ToList(), null, line, EndsOpen(text));
    }

    /// <summary>
    /// 16,type,amount,funds[,funds detail...],bank ref,customer ref,text: the text is the rest of the line (it may
    /// hold commas and slashes; the trailing '/' is often missing). Fields are cut from the line by position.
    /// </summary>
    private static Record Detail(string text, int line, ParseContext context)
    {
        var span = text.AsSpan();
        Span<int> commas = stackalloc int[64];
        var found = 0;
        for (var at = span.IndexOf(','); at >= 0 && found < commas.Length;)
        {
            commas[found++] = at;
            var next = span[(at + 1)..].IndexOf(',');
            at = next < 0 ? -1 : at + 1 + next;
        }
        var fieldCount = found + 1;
        static ReadOnlySpan<char> Cut(ReadOnlySpan<char> line, ReadOnlySpan<int> c, int i) =>
            line[(i == 0 ? 0 : c[i - 1] + 1)..(i < c.Length ? c[i] : line.Length)];
        ReadOnlySpan<int> cuts = commas[..found];
        var typeCode = fieldCount > 1 ? Cut(span, cuts, 1).Trim() : [];
        if (typeCode.Length != 3 || typeCode.ContainsAnyExceptInRange('0', '9'))
            throw context.Fail(line, $"16 detail: type code '{typeCode}' is not a 3-digit BAI type code");
        var fundsExtra = fieldCount > 3
            ? FundsFields(Cut(span, cuts, 3), fieldCount > 4 ? Cut(span, cuts, 4) : [], fieldCount > 4, line, context)
            : 0;
        var textIndex = 4 + fundsExtra + 2;
        if (textIndex > commas.Length)
            throw context.Fail(line, $"16 detail: more than {commas.Length - 6} fields of funds distribution");
        var fields = new List<string>(Math.Min(textIndex, fieldCount));
        for (var i = 0; i < Math.Min(textIndex, fieldCount); i++)
        {
            // The record code and one-letter funds types are the same few strings on every line.
            var field = Cut(span, cuts, i);
            fields.Add(i == 0 ? "16" : field switch
            {
                "0" => "0", "1" => "1", "2" => "2", "Z" => "Z", "V" => "V", "S" => "S", "D" => "D", "" => "",
                _ => field.ToString(),
            });
        }
        string? rest = null;
        if (fieldCount > textIndex)
        {
            var r = span[(commas[textIndex - 1] + 1)..];
            rest = (r.EndsWith('/') ? r[..^1] : r).ToString();
        }
        // With no text field the record's '/' ends the last field read ("...,BREF,CREF/").
        if (rest is null && fields.Count > 0) fields[^1] = StripSlash(fields[^1]);
        var ended = text.EndsWith('/') || text.EndsWith(',');
        return new Record("16", fields, rest, line) { Unfinished = fieldCount < textIndex && ended ? text : null };
    }

    /// <summary>How many extra fields the funds type at parts[index-1] brings (S: 3, V: 2, D: 1 + 2n).</summary>
    internal static int FundsFields(string[] parts, int index, int line, ParseContext context) =>
        FundsFields(parts[index - 1], parts.Length > index ? parts[index] : "", parts.Length > index, line, context);

    private static int FundsFields(ReadOnlySpan<char> fundsField, ReadOnlySpan<char> next, bool hasNext, int line,
        ParseContext context)
    {
        var funds = fundsField.Trim().TrimEnd('/');
        switch (funds)
        {
            case "S": return 3;
            case "V": return 2;
            case "D":
                if (!hasNext || !int.TryParse(next, out var n) || n is < 0 or > 1000)
                    throw context.Fail(line, "funds type D without a distribution count");
                return 1 + 2 * n;
            case "" or "0" or "1" or "2" or "Z": return 0;
            default: throw context.Fail(line, $"unknown funds type '{funds}'");
        }
    }

    /// <summary>
    /// The field list of a record continued by 88s. A line that ends with the delimiter ("...,015," then
    /// "88,560000,...") has closed its last field: the continuation starts the next one, not an empty one.
    /// </summary>
    private static List<string> Continued(Record r)
    {
        var fields = new List<string>(r.Fields);
        var open = r.Open;
        for (var i = 0; i < r.More.Count; i++)
        {
            if (open && fields.Count > 1 && fields[^1].Trim().Length == 0) fields.RemoveAt(fields.Count - 1);
            fields.AddRange(r.More[i].Text.Split(','));
            open = r.More[i].Open;
        }
        return fields;
    }

    private static string StripSlash(string text)
    {
        var t = text.TrimEnd();
        return t.EndsWith('/') ? t[..^1] : t;
    }

    private sealed class State(ParseContext context)
    {
        private string? _currency, _groupCurrency, _account, _fileId;
        private DateOnly? _asOf;
        private StatementBalance? _opening, _closing;
        private List<StatementEntry>? _entries;
        private long _accountTotal, _groupTotal, _fileTotal;
        private int _accountRecords, _groupRecords, _fileRecords, _groups, _accounts, _accountLine;
        private bool _sawHeader, _sawTrailer;

        public void Count() { _accountRecords++; _groupRecords++; _fileRecords++; }

        public ParsedStatement? Accept(Record r)
        {
            if (_sawTrailer && r.Code != "01") throw context.Fail(r.Line, $"record {r.Code} after the 99 file trailer");
            if (_sawTrailer)
            {
                // Bank portals deliver several complete files (01 .. 99) in one download: each is read in turn.
                (_sawTrailer, _sawHeader, _groups, _fileTotal) = (false, false, 0, 0);
            }
            if (!_sawHeader && r.Code != "01") throw context.Fail(r.Line, "file does not start with an 01 header");
            // The 16 detail reads its own fields; every other record is its fields and those of its 88s.
            var f = r.Code == "16" || r.More.Count == 0 ? r.Fields : Continued(r);
            string At(int i) => i < f.Count ? f[i].Trim() : "";
            switch (r.Code)
            {
                case "01":
                    if (_sawHeader) throw context.Fail(r.Line, "second 01 header");
                    _sawHeader = true;
                    _fileId = At(5);
                    _fileRecords = 1;
                    break;
                case "02":
                    _groupCurrency = At(6).Length == 3 ? At(6) : "USD";
                    _asOf = ParseContext.Date(At(4), "yyMMdd");
                    _groupTotal = 0; _groupRecords = 1; _accounts = 0; _groups++;
                    break;
                case "03":
                    if (_entries is not null)
                        throw context.Fail(r.Line, "03 account record before the 49 of the previous account");
                    _account = At(1);
                    _currency = At(2).Length == 3 ? At(2) : _groupCurrency ?? "USD";
                    var scale = context.Scale(_currency, r.Line);
                    _entries = []; _opening = _closing = null; _accountTotal = 0; _accountRecords = 1 + r.More.Count;
                    _accountLine = r.Line; _accounts++;
                    Summary(f, scale, r.Line);
                    break;
                case "16":
                    var detail = Finished(r);
                    Detail(detail, detail.Fields);
                    break;
                case "49": return CloseAccount(r, At(1), At(2));
                case "98":
                    Control(At(1), _groupTotal, r.Line, "group");
                    CountCheck(At(2), _accounts, r.Line, "group number of accounts");
                    CountCheck(At(3), _groupRecords, r.Line, "group number of records");
                    _fileTotal = checked(_fileTotal + _groupTotal);
                    break;
                case "99":
                    Control(At(1), _fileTotal, r.Line, "file");
                    CountCheck(At(2), _groups, r.Line, "file number of groups");
                    CountCheck(At(3), _fileRecords, r.Line, "file number of records");
                    _sawTrailer = true;
                    break;
            }
            return null;
        }

        /// <summary>An unfinished 16 read again with the fields of the 88s after it, until it has its text.</summary>
        private Record Finished(Record r)
        {
            var used = 0;
            while (r.Unfinished is { } start && used < r.More.Count)
            {
                var more = r.More[used++].Text;
                var next = Bai2.Detail(start.EndsWith(',') ? start + more : StripSlash(start) + "," + more, r.Line,
                    context);
                for (var i = used; i < r.More.Count; i++) next.Continue(r.More[i].Text, r.More[i].Open);
                (r, used) = (next, 0);
            }
            return r;
        }

        public void Finish()
        {
            if (!_sawHeader) throw context.Fail(1, "no 01 file header");
            if (_entries is not null)
                throw context.Fail(_accountLine, "account record 03 has no 49 trailer (file truncated?)");
            if (!_sawTrailer) throw context.Fail(_fileRecords, "no 99 file trailer (file truncated?)");
        }

        private void Summary(List<string> f, Currency scale, int line)
        {
            // 03,account,currency,(type,amount,count,funds[,funds detail])...
            var parts = f.ToArray();
            var i = 3;
            while (i < parts.Length)
            {
                var type = parts[i].Trim();
                // A type code is never blank: blanks here are padding some banks put before '/' or between groups.
                if (type.Length == 0) { i++; continue; }
                var amount = i + 1 < parts.Length ? parts[i + 1].Trim() : "";
                var extra = i + 3 < parts.Length ? FundsFields(parts, i + 4, line, context) : 0;
                i += 4 + extra;
                if (amount.Length == 0) continue;
                var minor = context.ImpliedAmount(amount, 2, scale, line, $"summary {type} amount");
                _accountTotal = checked(_accountTotal + minor);
                if (type == "010") _opening = new StatementBalance(minor, _asOf);
                if (type == "015") _closing = new StatementBalance(minor, _asOf);
            }
        }

        private void Detail(Record r, List<string> f)
        {
            if (_entries is null || _currency is null)
                throw context.Fail(r.Line, "16 detail outside an account (no 03 before it)");
            string At(int i) => i < r.Fields.Count ? r.Fields[i].Trim() : "";
            var type = Shared(r.Fields[1].AsSpan().Trim());
            if (!int.TryParse(type, out var typeCode))
                throw context.Fail(r.Line, $"type code '{type}' is not a number");
            var scale = context.Scale(_currency, r.Line);
            var amountText = r.Fields.Count > 2 ? r.Fields[2].AsSpan().Trim() : [];
            var minor = amountText.Length == 0 ? 0 : context.ImpliedAmount(amountText, 2, scale, r.Line,
                "detail amount");
            _accountTotal = checked(_accountTotal + minor);
            var isDebit = typeCode is >= 400 and < 700 or >= 960;
            var funds = At(3);
            DateOnly? valueDate = funds == "V" ? ParseContext.Date(At(4), "yyMMdd") : null;
            var refIndex = r.Fields.Count - 2;
            string? information;
            if (r.More.Count == 0) information = string.IsNullOrWhiteSpace(r.Text) ? null : r.Text.Trim();
            else
            {
                var texts = new List<string>();
                if (!string.IsNullOrWhiteSpace(r.Text)) texts.Add(r.Text.Trim());
                texts.AddRange(r.More.Select(m => m.Text).Where(m => m.Length > 0));
                information = texts.Count == 0 ? null : string.Join('\n', texts);
            }
            string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
            var bankRef = Blank(At(Math.Max(4, refIndex)));
            _entries.Add(new StatementEntry
            {
                BankReference = bankRef,
                CustomerReference = Blank(At(Math.Max(5, refIndex + 1))),
                BookingDate = _asOf,
                ValueDate = valueDate ?? _asOf,
                AmountMinor = isDebit ? -minor : minor,
                Currency = _currency,
                Remittance = information,
                StructuredReferences = CreditorReferences.Find(information ?? ""),
                BankTransactionCode = type,
                Information = information,
                LineNumber = r.Line,
            });
        }

        private ParsedStatement CloseAccount(Record r, string total, string records)
        {
            if (_entries is null || _currency is null)
                throw context.Fail(r.Line, "49 account trailer without an 03 account");
            Control(total, _accountTotal, r.Line, "account");
            CountCheck(records, _accountRecords, r.Line, "account number of records");
            _groupTotal = checked(_groupTotal + _accountTotal);
            var statement = new ParsedStatement
            {
                Account = _account, Currency = _currency, StatementId = _fileId, OpeningBalance = _opening,
                ClosingBalance = _closing, FromDate = _asOf, ToDate = _asOf, Entries = _entries,
                LineNumber = _accountLine,
            };
            _entries = null;
            return statement;
        }

        // Type codes repeat on every detail ("195", "475"): the same string is handed out each time.
        private readonly Dictionary<string, string> _types = [];

        private string Shared(ReadOnlySpan<char> type)
        {
            var lookup = _types.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(type, out var known)) return known;
            var text = type.ToString();
            if (_types.Count < 1000) _types[text] = text;
            return text;
        }

        private void Control(string stated, long computed, int line, string what)
        {
            if (stated.Length == 0) return; // blank totals occur in real files (49,,2/)
            var scale = context.Scale(_currency ?? _groupCurrency ?? "USD", line);
            var expected = context.ImpliedAmount(stated, 2, scale, line, $"{what} control total");
            context.Integrity(expected == computed, $"line {line}",
                $"{what} control total is {Amounts.Format(expected, scale)} but the amounts sum to " +
                $"{Amounts.Format(computed, scale)}");
        }

        private void CountCheck(string stated, int counted, int line, string what)
        {
            if (!int.TryParse(stated, out var n)) return;
            context.Integrity(n == counted, $"line {line}", $"{what} is {n} but the file has {counted}");
        }
    }
}
