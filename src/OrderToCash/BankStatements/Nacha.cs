using OrderToCash.Money;

namespace OrderToCash.BankStatements;

/// <summary>Streaming parser for NACHA ACH files (records 1/5/6/7/8/9), read as receipts.</summary>
/// <remarks>
/// One statement per batch (5 .. 8): the batch's company is the counterparty, each entry detail (6) an entry
/// signed from the receiver's view (transaction codes x0-x4 credit, x5-x9 debit), its trace number the bank
/// reference. Addenda 05 payloads are joined in sequence order; an X12 820 inside (CTX) gives its RMR
/// references as structured references. Records are right-padded to 94 (trimmed files) and may be longer only
/// by trailing spaces. Routing check digits are verified; batch and file control totals, counts and entry
/// hashes are integrity checks (warnings, refusals in strict mode).
/// </remarks>
public static class Nacha
{
    private const int RecordLength = 94;

    /// <summary>
    /// The records of the file. Some systems write ACH files without line breaks (records back to back, often in
    /// blocks of ten): a line that is a whole number of 94-character records starting with a record type is cut
    /// into its records, each reported at the line's number.
    /// </summary>
    private static IEnumerable<TextLine> Records(IEnumerable<TextLine> lines)
    {
        foreach (var line in lines)
        {
            var text = line.Text;
            if (text.Length <= RecordLength || text.Length % RecordLength != 0 || text[0] is not ('1' or '5'))
            {
                yield return line;
                continue;
            }
            for (var at = 0; at < text.Length; at += RecordLength)
                yield return new TextLine(line.Number, text.Substring(at, RecordLength));
        }
    }

    public static IEnumerable<ParsedStatement> Read(IEnumerable<TextLine> lines, ParseContext context)
    {
        var usd = Currency.USD;
        Batch? batch = null;
        bool sawHeader = false, sawControl = false;
        long fileDebit = 0, fileCredit = 0, fileHash = 0;
        int batches = 0, fileEntries = 0;
        foreach (var line in Records(lines))
        {
            var raw = line.Text.TrimEnd();
            if (raw.Length == 0) continue;
            if (raw.Length > RecordLength)
                throw context.Fail(line.Number, $"record is {raw.Length} characters, NACHA records are 94");
            var r = raw.PadRight(RecordLength);
            if (sawControl)
            {
                if (r.All(c => c == '9')) continue; // block filler
                throw context.Fail(line.Number, $"record type {r[0]} after the file control record 9");
            }
            switch (r[0])
            {
                case '1':
                    if (sawHeader) throw context.Fail(line.Number, "second file header record 1");
                    sawHeader = true;
                    break;
                case '5':
                    if (!sawHeader) throw context.Fail(line.Number, "batch header before the file header record 1");
                    if (batch is not null)
                        throw context.Fail(line.Number,
                            "batch header 5 before the batch control 8 of the previous batch");
                    batch = new Batch(r, line.Number);
                    break;
                case '6':
                    (batch ?? throw context.Fail(line.Number, "entry detail 6 outside a batch"))
                        .AddEntry(r, line.Number, usd, context);
                    fileEntries++;
                    break;
                case '7':
                    (batch ?? throw context.Fail(line.Number, "addenda 7 outside a batch"))
                        .AddAddenda(r, line.Number, context);
                    fileEntries++;
                    break;
                case '8':
                    var done = (batch ?? throw context.Fail(line.Number,
                        "batch control 8 without a batch header")).Close(r, line.Number, context);
                    fileDebit += batch.Debit; fileCredit += batch.Credit; fileHash += batch.Hash; batches++;
                    batch = null;
                    yield return done;
                    break;
                case '9':
                    if (r.All(c => c == '9')) continue;
                    if (batch is not null) throw context.Fail(line.Number, "file control 9 before the batch control 8");
                    sawControl = true;
                    var loc = $"line {line.Number}";
                    context.Integrity(Number(r[1..7]) == batches, loc,
                        $"file control batch count {r[1..7]} but the file has {batches}");
                    context.Integrity(Number(r[13..21]) == fileEntries, loc,
                        $"file control entry/addenda count {r[13..21]} but the file has {fileEntries}");
                    context.Integrity(Number(r[21..31]) == fileHash % 10_000_000_000, loc,
                        "file control entry hash does not match the entries");
                    context.Integrity(Number(r[31..43]) == fileDebit && Number(r[43..55]) == fileCredit, loc,
                        $"file control totals debit {Amounts.Format(Number(r[31..43]), usd)} " +
                        $"credit {Amounts.Format(Number(r[43..55]), usd)} but the entries sum to debit " +
                        $"{Amounts.Format(fileDebit, usd)} credit {Amounts.Format(fileCredit, usd)}");
                    break;
                default: throw context.Fail(line.Number, $"unknown NACHA record type '{r[0]}'");
            }
        }
        if (!sawHeader) throw context.Fail(1, "no file header record 1");
        if (batch is not null) throw context.Fail(batch.Line, "batch has no batch control record 8 (file truncated?)");
        if (!sawControl) throw context.Fail(1, "no file control record 9 (file truncated?)");
    }

    private static long Number(string digits) =>
        long.TryParse(digits.Trim(), System.Globalization.NumberStyles.None, null, out var n) ? n : -1;

    /// <summary>ABA routing check digit: 3-7-1 weights over the first 8 digits.</summary>
    public static bool IsValidRouting(string nineDigits)
    {
        if (nineDigits.Length != 9 || !nineDigits.All(char.IsAsciiDigit)) return false;
        int[] weights = [3, 7, 1, 3, 7, 1, 3, 7];
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (nineDigits[i] - '0') * weights[i];
        return (10 - sum % 10) % 10 == nineDigits[8] - '0';
    }

    private sealed class Batch(string header, int line)
    {
        private readonly List<StatementEntry> _entries = [];
        private readonly List<(int Sequence, string Payload)> _addenda = [];
        private readonly bool _isIat = header[50..53] == "IAT";
        public int Line { get; } = line;
        public long Debit, Credit, Hash;
        private int _count;

        public void AddEntry(string r, int line, Currency usd, ParseContext context)
        {
            Flush();
            var code = r[1..3];
            if (!code.All(char.IsAsciiDigit)) throw context.Fail(line, $"transaction code '{code}' is not numeric");
            var routing = r[3..12];
            if (!IsValidRouting(routing))
                throw context.Fail(line, $"RDFI routing number {routing} fails its check digit");
            var amount = context.ImpliedAmount(r[29..39], 2, usd, line, "entry amount");
            var isDebit = code[1] >= '5';
            if (isDebit) Debit += amount; else Credit += amount;
            Hash += long.Parse(r[3..11], System.Globalization.CultureInfo.InvariantCulture);
            _count++;
            _entries.Add(new StatementEntry
            {
                BankReference = r[79..94].Trim(),
                CustomerReference = _isIat ? null : Blank(r[39..54]),
                BookingDate = ParseContext.Date(header.AsSpan()[69..75], "yyMMdd"),
                ValueDate = ParseContext.Date(header.AsSpan()[69..75], "yyMMdd"),
                AmountMinor = isDebit ? -amount : amount,
                Currency = "USD",
                CounterpartyName = Blank(header[4..20]),
                CounterpartyAccount = Blank(header[40..50]),
                BankTransactionCode = $"{header[50..53]}/{code}",
                Information = _isIat ? null : Blank(r[54..76]),
                LineNumber = line,
            });
        }

        public void AddAddenda(string r, int line, ParseContext context)
        {
            if (_entries.Count == 0) throw context.Fail(line, "addenda record 7 before any entry detail 6");
            _count++;
            if (r[1..3] is "05") _addenda.Add(((int)Math.Max(0, Number(r[83..87])), r[3..83]));
        }

        public ParsedStatement Close(string r, int line, ParseContext context)
        {
            Flush();
            var loc = $"line {line}";
            var usd = Currency.USD;
            context.Integrity(Number(r[4..10]) == _count, loc,
                $"batch control entry/addenda count {r[4..10]} but the batch has {_count}");
            context.Integrity(Number(r[10..20]) == Hash % 10_000_000_000, loc,
                "batch control entry hash does not match the entries");
            context.Integrity(Number(r[20..32]) == Debit && Number(r[32..44]) == Credit, loc,
                $"batch control totals debit {Amounts.Format(Number(r[20..32]), usd)} " +
                $"credit {Amounts.Format(Number(r[32..44]), usd)} " +
                $"but the entries sum to debit {Amounts.Format(Debit, usd)} credit {Amounts.Format(Credit, usd)}");
            return new ParsedStatement
            {
                Account = Blank(header[40..50]), Currency = "USD", StatementId = header[87..94].Trim(),
                FromDate = ParseContext.Date(header.AsSpan()[69..75], "yyMMdd"),
                ToDate = ParseContext.Date(header.AsSpan()[69..75], "yyMMdd"),
                Entries = _entries.ToList(), LineNumber = Line,
            };
        }

        // Joins the entry's 05 addenda in sequence order and reads remittance and references from them.
        private void Flush()
        {
            if (_addenda.Count == 0 || _entries.Count == 0) return;
            var payload = string.Concat(_addenda.OrderBy(a => a.Sequence).Select(a => a.Payload.PadRight(80)));
            _addenda.Clear();
            var text = payload.TrimEnd();
            _entries[^1] = _entries[^1] with
            {
                Remittance = text,
                StructuredReferences = X12Remittance.References(text),
            };
        }
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Invoice references in the RMR segments of an X12 820 (or NACHA-convention) addenda payload.</summary>
public static class X12Remittance
{
    public static IReadOnlyList<string> References(string payload)
    {
        // The element separator follows the first segment id ("ISA*", "RMR*", "RMR¦"); segments end with '~' or '\'.
        char element;
        if (payload.StartsWith("ISA", StringComparison.Ordinal) && payload.Length > 3) element = payload[3];
        else
        {
            var rmr = payload.IndexOf("RMR", StringComparison.Ordinal);
            if (rmr < 0 || rmr + 3 >= payload.Length) return [];
            element = payload[rmr + 3];
        }
        var refs = new List<string>();
        foreach (var segment in payload.Split('~', '\\', '\n'))
        {
            var fields = segment.Trim().Split(element);
            if (fields.Length > 2 && fields[0] == "RMR" && fields[2].Trim().Length > 0) refs.Add(fields[2].Trim());
        }
        return refs;
    }
}
