using System.Globalization;

namespace OrderToCash.BankStatements;

/// <summary>Reads one camt <c>Ntry</c> with its <c>NtryDtls/TxDtls</c> into a <see cref="StatementEntry"/>.</summary>
/// <remarks>
/// A batch entry (more than one <c>TxDtls</c>) keeps the booked total on the entry and one transaction per
/// <c>TxDtls</c>; a single <c>TxDtls</c> is folded into the entry. Transaction amounts come from
/// <c>TxDtls/Amt</c> (v04+), <c>AmtDtls/TxAmt/Amt</c> or <c>AmtDtls/CntrValAmt/Amt</c>, the first in the entry
/// currency; when none is, the entry amount is used for a single transaction and the amount stays unknown (0,
/// with a warning) inside a batch.
/// </remarks>
internal static class CamtEntry
{
    private const int None = CamtTree.None;

    public static StatementEntry Read(CamtTree t, int ntry, ParseContext context, string entryPath,
        string? statementCurrency)
    {
        var path = new NodePath(entryPath, -1);
        var amt = t.El(ntry, "Amt");
        if (amt == None) throw context.Fail($"line {t.Line(ntry)}, {path}", "entry without Amt");
        var currency = t.Ccy(amt) ?? statementCurrency
            ?? throw context.Fail($"line {t.Line(amt)}, {path}/Amt", "amount without Ccy");
        var indicator = t.El(ntry, "CdtDbtInd");
        var minor = Signed(Amount(t, amt, context, path), t.Span(indicator), context,
            indicator == None ? t.Line(ntry) : t.Line(indicator), path);
        var status = t.Val(ntry, "Sts", "Cd") ?? t.Val(ntry, "Sts");
        var entry = new Entry
        {
            BankReference = t.Val(ntry, "AcctSvcrRef"),
            CustomerReference = t.Val(ntry, "NtryRef"),
            BookingDate = t.DateChoice(t.El(ntry, "BookgDt")),
            ValueDate = t.DateChoice(t.El(ntry, "ValDt")),
            AmountMinor = minor,
            Currency = currency,
            IsReversal = t.Val(ntry, "RvslInd") is "true" or "1",
            IsBooked = status is null or "BOOK",
            BankTransactionCode = TransactionCode(t, t.El(ntry, "BkTxCd")),
            ChargesMinor = Charges(t, t.El(ntry, "Chrgs"), currency, context, path),
            Information = t.Val(ntry, "AddtlNtryInf"),
            LineNumber = t.Line(ntry),
            ElementPath = entryPath,
        };
        // Every TxDtls, in document order: directly under Ntry (version 01), then under each NtryDtls.
        var count = 0;
        var first = FirstTransaction(t, ntry, out var details);
        var firstUnderEntry = details == None;
        for (var tx = first; tx != None; tx = NextTransaction(t, ntry, tx, ref details)) count++;
        if (count == 0) return entry.Build();
        if (count == 1)
            return Details(t, entry, first, context, new NodePath(entryPath, 0, firstUnderEntry), single: true);
        var transactions = new List<StatementEntry>(count);
        var batchEntry = entry with { AmountMinor = 0, ChargesMinor = null, BankReference = null };
        var i = 0;
        for (var tx = FirstTransaction(t, ntry, out details); tx != None; tx = NextTransaction(t, ntry, tx,
                 ref details))
            transactions.Add(Details(t, batchEntry, tx, context, new NodePath(entryPath, ++i, details == None),
                single: false));
        return entry.Build() with { Transactions = transactions };
    }

    /// <summary>The first TxDtls of an entry; <paramref name="details"/> is its NtryDtls (None: under Ntry).</summary>
    private static int FirstTransaction(CamtTree t, int ntry, out int details)
    {
        details = None;
        var direct = t.El(ntry, "TxDtls");
        return direct != None ? direct : InDetails(t, t.El(ntry, "NtryDtls"), ref details);
    }

    private static int NextTransaction(CamtTree t, int ntry, int tx, ref int details)
    {
        var next = t.NextNamed(tx);
        if (next != None) return next;
        return InDetails(t, details == None ? t.El(ntry, "NtryDtls") : t.NextNamed(details), ref details);
    }

    // The first TxDtls of this NtryDtls or of one after it.
    private static int InDetails(CamtTree t, int from, ref int details)
    {
        for (var d = from; d != None; d = t.NextNamed(d))
            if (t.El(d, "TxDtls") is var tx && tx != None)
            {
                details = d;
                return tx;
            }
        return None;
    }

    /// <summary>The element path of an entry (-1), its single transaction (0) or batch transaction n: built only
    /// when an error, a warning or a batch transaction needs it. <paramref name="UnderEntry"/>: a version 01
    /// TxDtls, directly under Ntry.</summary>
    internal readonly record struct NodePath(string Entry, int Transaction, bool UnderEntry = false)
    {
        public override string ToString() => Transaction switch
        {
            < 0 => Entry,
            0 => Entry + (UnderEntry ? "/TxDtls" : "/NtryDtls/TxDtls"),
            _ => $"{Entry}{(UnderEntry ? "" : "/NtryDtls")}/TxDtls[{Transaction}]",
        };
    }

    /// <summary>The entry-level values, kept apart until the one or many transactions are read.</summary>
    private readonly record struct Entry
    {
        public string? BankReference { get; init; }
        public string? CustomerReference { get; init; }
        public DateOnly? BookingDate { get; init; }
        public DateOnly? ValueDate { get; init; }
        public long AmountMinor { get; init; }
        public required string Currency { get; init; }
        public bool IsReversal { get; init; }
        public bool IsBooked { get; init; }
        public string? BankTransactionCode { get; init; }
        public long? ChargesMinor { get; init; }
        public string? Information { get; init; }
        public int LineNumber { get; init; }
        public string? ElementPath { get; init; }

        public StatementEntry Build() => new()
        {
            BankReference = BankReference, CustomerReference = CustomerReference, BookingDate = BookingDate,
            ValueDate = ValueDate, AmountMinor = AmountMinor, Currency = Currency, IsReversal = IsReversal,
            IsBooked = IsBooked, BankTransactionCode = BankTransactionCode, ChargesMinor = ChargesMinor,
            Information = Information, LineNumber = LineNumber, ElementPath = ElementPath,
        };
    }

    private static StatementEntry Details(CamtTree t, Entry entry, int tx, ParseContext context, NodePath path,
        bool single)
    {
        var isDebit = entry.AmountMinor < 0;
        var amount = entry.AmountMinor;
        // A single TxDtls never changes the booked entry amount; only batch transactions take their own.
        var txAmt = single ? None : TransactionAmount(t, tx, entry.Currency);
        if (!single && txAmt != None)
        {
            var at = t.El(tx, "CdtDbtInd");
            var indicator = at == None ? isDebit ? "DBIT" : "CRDT" : t.Span(at);
            amount = Signed(Amount(t, txAmt, context, path), indicator, context,
                at == None ? t.Line(tx) : t.Line(at), path);
        }
        else if (!single) context.Warn($"line {t.Line(tx)}, {path}", "transaction amount missing; 0 used");
        var parties = t.El(tx, "RltdPties");
        var debit = amount < 0 || (amount == 0 && isDebit);
        // A reversal (RvslInd) books the original payment back with its parties in their original roles: the
        // counterparty of a reversed credit is its debtor. Banks that fill the other side instead are read too.
        var creditorSide = debit != entry.IsReversal;
        var party = t.El(parties, creditorSide ? "Cdtr" : "Dbtr");
        var partyAccount = t.El(parties, creditorSide ? "CdtrAcct" : "DbtrAcct");
        if (entry.IsReversal && party == None && partyAccount == None)
            (party, partyAccount) = (t.El(parties, creditorSide ? "Dbtr" : "Cdtr"),
                t.El(parties, creditorSide ? "DbtrAcct" : "CdtrAcct"));
        var (remittance, refs) = Remittance(t, t.El(tx, "RmtInf"));
        var e2e = t.Val(tx, "Refs", "EndToEndId");
        var instructed = t.El(tx, "AmtDtls", "InstdAmt", "Amt");
        var rate = t.Val(tx, "AmtDtls", "InstdAmt", "CcyXchg", "XchgRate")
            ?? t.Val(tx, "AmtDtls", "TxAmt", "CcyXchg", "XchgRate");
        return new StatementEntry
        {
            BankReference = t.Val(tx, "Refs", "AcctSvcrRef") ?? entry.BankReference,
            EndToEndId = e2e is null || e2e == "NOTPROVIDED" ? null : e2e,
            CustomerReference = entry.CustomerReference ?? t.Val(tx, "Refs", "InstrId") ?? t.Val(tx, "Refs", "TxId"),
            BookingDate = entry.BookingDate,
            ValueDate = entry.ValueDate,
            AmountMinor = amount,
            Currency = entry.Currency,
            CounterpartyName = t.Val(party, "Nm") ?? t.Val(party, "Pty", "Nm"),
            CounterpartyAccount = t.Val(partyAccount, "Id", "IBAN") ?? t.Val(partyAccount, "Id", "Othr", "Id")
                ?? t.Val(partyAccount, "Id", "BBAN") ?? t.Val(partyAccount, "Id", "PrtryAcct", "Id"),
            Remittance = remittance,
            StructuredReferences = refs,
            IsReversal = entry.IsReversal,
            IsBooked = entry.IsBooked,
            BankTransactionCode = TransactionCode(t, t.El(tx, "BkTxCd")) ?? entry.BankTransactionCode,
            ChargesMinor = Charges(t, t.El(tx, "Chrgs"), entry.Currency, context, path) ?? entry.ChargesMinor,
            OriginalAmount = instructed == None ? null : t.String(t.Text(instructed).Trim()),
            OriginalCurrency = t.Ccy(instructed),
            ExchangeRate = rate is not null
                && decimal.TryParse(rate, NumberStyles.Number, CultureInfo.InvariantCulture, out var r) ? r : null,
            Information = t.Val(tx, "AddtlTxInf") ?? entry.Information,
            LineNumber = single ? entry.LineNumber : t.Line(tx),
            ElementPath = single ? entry.ElementPath : path.ToString(),
        };
    }

    /// <summary>
    /// The transaction's amount in the entry currency: TxDtls/Amt (v04+), else AmtDtls/TxAmt, else the counter
    /// value AmtDtls/CntrValAmt (a foreign-currency payment booked in the account currency).
    /// </summary>
    private static int TransactionAmount(CamtTree t, int tx, string currency)
    {
        var candidates = (ReadOnlySpan<int>)[t.El(tx, "Amt"), t.El(tx, "AmtDtls", "TxAmt", "Amt"),
            t.El(tx, "AmtDtls", "CntrValAmt", "Amt")];
        foreach (var amt in candidates)
            if (amt != None && (t.Ccy(amt) ?? currency) == currency) return amt;
        return None;
    }

    /// <summary>Ustrd and AddtlRmtInf texts joined by spaces; creditor references and referred documents.</summary>
    private static (string? Text, IReadOnlyList<string> References) Remittance(CamtTree t, int rmt)
    {
        if (rmt == None) return (null, []);
        List<string>? refs = null;
        string? single = null;
        List<string>? texts = null;
        void AddText(string? value)
        {
            var v = value?.Trim();
            if (string.IsNullOrEmpty(v)) return;
            if (single is null && texts is null) { single = v; return; }
            texts ??= [single!];
            texts.Add(v);
        }
        for (var u = t.El(rmt, "Ustrd"); u != None; u = t.NextNamed(u)) AddText(t.Value(u));
        for (var strd = t.El(rmt, "Strd"); strd != None; strd = t.NextNamed(strd))
        {
            // Ref and Nb from version 02 on; CdtrRef and RfrdDocNb in version 01.
            if ((t.Val(strd, "CdtrRefInf", "Ref") ?? t.Val(strd, "CdtrRefInf", "CdtrRef")) is { } creditorRef)
                (refs ??= []).Add(creditorRef);
            for (var doc = t.El(strd, "RfrdDocInf"); doc != None; doc = t.NextNamed(doc))
                if ((t.Val(doc, "Nb") ?? t.Val(doc, "RfrdDocNb")) is { } number) (refs ??= []).Add(number);
            for (var a = t.El(strd, "AddtlRmtInf"); a != None; a = t.NextNamed(a)) AddText(t.Value(a));
        }
        var remittance = texts is not null ? string.Join(' ', texts) : single;
        if (remittance is not null)
            foreach (var rf in CreditorReferences.Find(remittance))
                if (refs is null || !refs.Contains(rf)) (refs ??= []).Add(rf);
        return (remittance, refs ?? (IReadOnlyList<string>)[]);
    }

    public static long Amount(CamtTree t, int amt, ParseContext context, NodePath path)
    {
        var currency = context.Scale(t.Ccy(amt) ?? "", t.Line(amt));
        if (t.FirstChild(amt) == CamtTree.None && ParseContext.TryMinor(t.Text(amt), currency, '.', out var minor))
            return minor;
        return Amount(t.Value(amt), t.Ccy(amt), t.Line(amt), context, $"{path}/{t.Name(amt)}");
    }

    public static long Amount(string text, string? ccy, int line, ParseContext context, string path)
    {
        var currency = context.Scale(ccy ?? "", line);
        if (ParseContext.TryMinor(text, currency, '.', out var minor)) return minor;
        if (OrderToCash.Money.Amounts.TryParseMinor(text, currency, '.', out minor, out var error)) return minor;
        throw context.Fail($"line {line}, {path}", error);
    }

    private static long Signed(long minor, ReadOnlySpan<char> indicator, ParseContext context, int line,
        NodePath path) =>
        indicator switch
        {
            "CRDT" => minor,
            "DBIT" => -minor,
            _ => throw context.Fail($"line {line}, {path}/CdtDbtInd",
                $"'{(indicator.Length == 0 ? "" : indicator.ToString())}' is not CRDT or DBIT"),
        };

    private static string? TransactionCode(CamtTree t, int code)
    {
        if (code == None) return null;
        var domain = t.Val(code, "Domn", "Cd");
        if (domain is not null)
            return t.Code(domain, t.Val(code, "Domn", "Fmly", "Cd"), t.Val(code, "Domn", "Fmly", "SubFmlyCd"));
        return t.Val(code, "Prtry", "Cd");
    }

    /// <summary>
    /// Total charges: TtlChrgsAndTaxAmt (v04+), else the sum of the charge records in the entry currency: the
    /// Rcrd of one Chrgs (v04+), or each of the repeated Chrgs with its own Amt (v01-v03).
    /// </summary>
    private static long? Charges(CamtTree t, int charges, string currency, ParseContext context, NodePath path)
    {
        if (charges == None) return null;
        var total = t.El(charges, "TtlChrgsAndTaxAmt");
        if (total != None && t.Ccy(total) == currency) return Amount(t, total, context, path);
        long sum = 0;
        var any = false;
        for (var c = charges; c != None; c = t.NextNamed(c))
        {
            var record = t.El(c, "Rcrd");
            var hasRecords = record != None;
            for (var r = hasRecords ? record : c; r != None; r = hasRecords ? t.NextNamed(r) : None)
            {
                var amt = t.El(r, "Amt");
                if (amt == None || t.Ccy(amt) != currency) continue;
                sum = checked(sum + Amount(t, amt, context, path));
                any = true;
            }
        }
        return any ? sum : null;
    }
}
