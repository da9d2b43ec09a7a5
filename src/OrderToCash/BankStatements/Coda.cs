namespace OrderToCash.BankStatements;

/// <summary>Streaming parser for Belgian CODA 1 and 2.x statements (128-character records 0/1/2x/3x/4/8/9).</summary>
/// <remarks>
/// The version digit (record 0, column 128) decides two layouts: version 1 has a 12-digit Belgian account in
/// record 1 (columns 6-17, currency 19-21) and a 12-digit counterparty account, a 26-character name and the
/// counterparty's address in record 2.3; version 2 gives the account structure in record 1 column 2 (0 Belgian
/// number, 1 foreign number, 2 Belgian IBAN, 3 foreign IBAN; another code is read as 1 with a warning) and a
/// 34-character counterparty account, a 35-character name and more communication in record 2.3.
/// Records are sliced by character after decoding (UTF-8 files carry 128 characters in up to 132 bytes) and
/// right-padded when trailing spaces were trimmed. Amounts: 15 digits, 3 implied decimals, sign digit 0 = credit,
/// 1 = debit. A 21 record with detail number 0000 opens an entry; 21 records with the same sequence number
/// and a detail number above 0000 are its transactions (globalised/batch bookings). A structured communication
/// (type 1, code 101/102) is the Belgian invoice reference <c>+++123/4567/89012+++</c>.
/// </remarks>
public static class Coda
{
    private const int RecordLength = 128;

    public static IEnumerable<ParsedStatement> Read(IEnumerable<TextLine> lines, ParseContext context)
    {
        Builder? current = null;
        var any = false;
        var version = '2';
        foreach (var line in lines)
        {
            if (line.Text.Trim().Length == 0) continue;
            var r = line.Text.Length >= RecordLength ? line.Text : line.Text.PadRight(RecordLength);
            any = true;
            switch (r[0])
            {
                case '0': version = Version(r, line.Number, context); break;
                case '1':
                    if (current is not null)
                        throw context.Fail(line.Number,
                            "old balance record 1 before the new balance 8 of the previous statement");
                    current = new Builder(context, r, line.Number, version);
                    break;
                case '2' or '3':
                    (current ?? throw context.Fail(line.Number,
                        $"movement record {r[..2]} before any old balance record 1"))
                        .Movement(r, line.Number);
                    break;
                case '4': break;
                case '8':
                    yield return (current ?? throw context.Fail(line.Number, "new balance record 8 without record 1"))
                        .Close(r, line.Number);
                    current = null;
                    break;
                case '9': break;
                default: throw context.Fail(line.Number, $"unknown CODA record type '{r[0]}'");
            }
        }
        if (!any) throw context.Fail(1, "empty CODA file");
        if (current is not null)
            throw context.Fail(current.Line, "statement has no new balance record 8 (file truncated?)");
    }

    /// <summary>The version digit of a header record 0: '1' or '2'; anything else is read as version 2.</summary>
    private static char Version(string r, int line, ParseContext context)
    {
        if (r[127] is '1' or '2') return r[127];
        context.Warn(line, $"CODA version '{r[127]}' in column 128 is unknown; read as version 2");
        return '2';
    }

    private sealed class Builder
    {
        private readonly ParseContext _context;
        private readonly char _version;
        private readonly string _currency, _sequence;
        private readonly string? _account;
        private readonly StatementBalance _opening;
        private readonly List<Booking> _movements = [];
        public int Line { get; }

        private sealed class Booking
        {
            public required string Sequence;
            public required StatementEntry Entry;
            public List<StatementEntry> Details = [];
            public StatementEntry Last => Details.Count > 0 ? Details[^1] : Entry;
            public void SetLast(StatementEntry e) { if (Details.Count > 0) Details[^1] = e; else Entry = e; }
        }

        public Builder(ParseContext context, string r, int line, char version)
        {
            _context = context;
            _version = version;
            Line = line;
            (_account, _currency) = version == '1' ? (Token(r[5..17]), r[18..21]) : r[1] switch
            {
                '0' => (Token(r[5..17]), r[18..21]),
                '2' or '3' => (Token(r[5..39]), r[39..42]),
                '1' => (Blank(r[5..39]), r[39..42]),
                // Read as a foreign number; a currency code not in columns 40-42 then refuses the record.
                _ => Unknown(context, r, line),
            };
            _sequence = r[2..5].Trim();
            var scale = context.Scale(_currency, line);
            var amount = context.ImpliedAmount(r[43..58], 3, scale, line, "old balance");
            _opening = new StatementBalance(r[42] == '1' ? -amount : amount,
                ParseContext.Date(r.AsSpan()[58..64], "ddMMyy"));
        }

        private static (string?, string) Unknown(ParseContext context, string r, int line)
        {
            context.Warn(line, $"record 1: account structure '{r[1]}' in column 2 is not 0, 1, 2 or 3; " +
                "read as a foreign account number");
            return (Blank(r[5..39]), r[39..42]);
        }

        public void Movement(string r, int line)
        {
            var seq = r[2..6];
            var detail = r[6..10];
            var last = _movements.Count > 0 ? _movements[^1] : null;
            switch (r[..2])
            {
                case "21":
                    var scale = _context.Scale(_currency, line);
                    var amount = _context.ImpliedAmount(r[32..47], 3, scale, line, "movement amount");
                    var communication = r[61] == '1' ? Structured(r[62..115]) : null;
                    var entry = new StatementEntry
                    {
                        BankReference = Blank(r[10..31]),
                        AmountMinor = r[31] == '1' ? -amount : amount,
                        Currency = _currency,
                        ValueDate = ParseContext.Date(r.AsSpan()[47..53], "ddMMyy"),
                        BookingDate = ParseContext.Date(r.AsSpan()[115..121], "ddMMyy")
                            ?? ParseContext.Date(r.AsSpan()[47..53], "ddMMyy"),
                        BankTransactionCode = r[53..61],
                        Remittance = communication is null ? Blank(r[62..115]) : null,
                        StructuredReferences = communication is null ? [] : [communication],
                        LineNumber = line,
                    };
                    if (last is not null && last.Sequence == seq && detail != "0000") last.Details.Add(entry);
                    else _movements.Add(new Booking { Sequence = seq, Entry = entry });
                    break;
                case "22" when last is not null:
                    // Columns 64-98: the client reference, for SEPA payments their end-to-end reference.
                    var reference = Blank(r[63..98]);
                    last.SetLast(Append(last.Last, r[10..63]) with
                    {
                        CustomerReference = last.Last.CustomerReference ?? reference,
                        EndToEndId = last.Last.EndToEndId
                            ?? (reference is null or "NOTPROVIDED" || _version == '1' ? null : reference),
                    });
                    break;
                case "23" when last is not null && _version == '1':
                    // Version 1: 12-digit account, 26-character name, then the counterparty's address.
                    last.SetLast(last.Last with
                    {
                        CounterpartyAccount = Token(r[10..22]),
                        CounterpartyName = Blank(r[47..73]),
                        Information = Join(last.Last.Information, r[73..125]),
                    });
                    break;
                case "23" when last is not null:
                    // Version 2: a Belgian number (12 digits, blank, currency) or an IBAN/foreign number (34).
                    last.SetLast(Append(last.Last, r[82..125]) with
                    {
                        CounterpartyAccount = r[22] == ' ' ? Blank(r[10..22]) : Blank(r[10..44]),
                        CounterpartyName = Blank(r[47..82]),
                    });
                    break;
                case "31" when last is not null:
                    last.SetLast(last.Last with { Information = Join(last.Last.Information, r[40..113]) });
                    break;
                case "32" or "33" when last is not null:
                    last.SetLast(last.Last with { Information = Join(last.Last.Information, r[10..115]) });
                    break;
                default: throw _context.Fail(line, $"record {r[..2]} has no movement before it or is unknown");
            }
        }

        public ParsedStatement Close(string r, int line)
        {
            var scale = _context.Scale(_currency, line);
            var amount = _context.ImpliedAmount(r[42..57], 3, scale, line, "new balance");
            var closing = new StatementBalance(r[41] == '1' ? -amount : amount,
                ParseContext.Date(r.AsSpan()[57..63], "ddMMyy"));
            var entries = _movements.Select(m => m.Details.Count == 0 ? m.Entry
                : m.Entry with { Transactions = m.Details });
            return new ParsedStatement
            {
                Account = _account, Currency = _currency, StatementId = _sequence, OpeningBalance = _opening,
                ClosingBalance = closing, FromDate = _opening.Date, ToDate = closing.Date, Entries = entries.ToList(),
                LineNumber = Line,
            };
        }

        private static StatementEntry Append(StatementEntry e, string more) =>
            e.StructuredReferences.Count > 0 ? e : e with { Remittance = Blank((e.Remittance ?? "") + more.TrimEnd()) };

        private static string? Join(string? a, string b) => Blank(b) is { } t ? (a is null ? t : a + "\n" + t) : a;
    }

    /// <summary>Code 101/102: 12 digits as +++123/4567/89012+++; other structured codes keep their text.</summary>
    private static string? Structured(string communication)
    {
        var code = communication[..3];
        if (code is "101" or "102")
        {
            var d = communication[3..15];
            return d.All(char.IsAsciiDigit) ? $"+++{d[..3]}/{d[3..7]}/{d[7..]}+++" : null;
        }
        return null;
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // An account number field: the first word, so a currency code or extension zone after it is not taken in.
    private static string? Token(string field) =>
        Blank(field) is { } t ? t.Split(' ', 2)[0] : null;
}
