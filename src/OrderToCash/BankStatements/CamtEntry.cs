using System.Globalization;
using System.Xml.Linq;

namespace OrderToCash.BankStatements;

/// <summary>Reads one camt <c>Ntry</c> with its <c>NtryDtls/TxDtls</c> into a <see cref="StatementEntry"/>.</summary>
/// <remarks>
/// A batch entry (more than one <c>TxDtls</c>) keeps the booked total on the entry and one transaction per
/// <c>TxDtls</c>; a single <c>TxDtls</c> is folded into the entry. Transaction amounts come from
/// <c>TxDtls/Amt</c> (v04+) or <c>AmtDtls/TxAmt/Amt</c>; when both are missing the entry amount is used for a
/// single transaction and the amount stays unknown (0, with a warning) inside a batch.
/// </remarks>
internal static class CamtEntry
{
    public static StatementEntry Read(XElement ntry, ParseContext context, string path, string? statementCurrency)
    {
        var amt = ntry.El("Amt") ?? throw context.Fail($"line {ntry.Line()}, {path}", "entry without Amt");
        var currency = amt.Attribute("Ccy")?.Value ?? statementCurrency
            ?? throw context.Fail($"line {amt.Line()}, {path}/Amt", "amount without Ccy");
        var minor = Signed(Amount(amt, context, path), ntry.Val("CdtDbtInd"), context, ntry, path);
        var status = ntry.Val("Sts", "Cd") ?? ntry.Val("Sts");
        var txs = ntry.Els("NtryDtls").SelectMany(d => d.Els("TxDtls")).ToList();
        var entry = new StatementEntry
        {
            BankReference = ntry.Val("AcctSvcrRef"),
            CustomerReference = ntry.Val("NtryRef"),
            BookingDate = ntry.El("BookgDt").DateChoice(),
            ValueDate = ntry.El("ValDt").DateChoice(),
            AmountMinor = minor,
            Currency = currency,
            IsReversal = ntry.Val("RvslInd") is "true" or "1",
            IsBooked = status is null or "BOOK",
            BankTransactionCode = TransactionCode(ntry.El("BkTxCd")),
            ChargesMinor = Charges(ntry.El("Chrgs"), currency, context, path),
            Information = ntry.Val("AddtlNtryInf"),
            LineNumber = ntry.Line(),
            ElementPath = path,
        };
        if (txs.Count == 1) return Details(entry, txs[0], context, path + "/NtryDtls/TxDtls", single: true);
        if (txs.Count == 0) return entry;
        var transactions = new List<StatementEntry>(txs.Count);
        for (var i = 0; i < txs.Count; i++)
            transactions.Add(Details(entry with { AmountMinor = 0, ChargesMinor = null, BankReference = null },
                txs[i], context, $"{path}/NtryDtls/TxDtls[{i + 1}]", single: false));
        return entry with { Transactions = transactions };
    }

    private static StatementEntry Details(StatementEntry entry, XElement tx, ParseContext context, string path,
        bool single)
    {
        var isDebit = entry.AmountMinor < 0;
        var amount = entry.AmountMinor;
        var txAmt = tx.El("Amt") ?? tx.El("AmtDtls", "TxAmt", "Amt");
        // A single TxDtls never changes the booked entry amount; only batch transactions take their own.
        if (!single && txAmt is not null && (txAmt.Attribute("Ccy")?.Value ?? entry.Currency) == entry.Currency)
        {
            var indicator = tx.Val("CdtDbtInd") ?? (isDebit ? "DBIT" : "CRDT");
            amount = Signed(Amount(txAmt, context, path), indicator, context, tx, path);
        }
        else if (!single) context.Warn($"line {tx.Line()}, {path}", "transaction amount missing; 0 used");
        var parties = tx.El("RltdPties");
        var debit = amount < 0 || (amount == 0 && isDebit);
        var party = debit ? parties.El("Cdtr") : parties.El("Dbtr");
        var partyAccount = debit ? parties.El("CdtrAcct") : parties.El("DbtrAcct");
        var rmt = tx.El("RmtInf");
        var refs = new List<string>();
        var texts = new List<string>(rmt.Els("Ustrd").Select(u => u.Value.Trim()).Where(u => u.Length > 0));
        foreach (var strd in rmt.Els("Strd"))
        {
            if (strd.Val("CdtrRefInf", "Ref") is { } creditorRef) refs.Add(creditorRef);
            foreach (var doc in strd.Els("RfrdDocInf"))
                if (doc.Val("Nb") is { } number) refs.Add(number);
            texts.AddRange(strd.Els("AddtlRmtInf").Select(a => a.Value.Trim()).Where(a => a.Length > 0));
        }
        var remittance = texts.Count == 0 ? null : string.Join(' ', texts);
        foreach (var rf in CreditorReferences.Find(remittance ?? ""))
            if (!refs.Contains(rf)) refs.Add(rf);
        var e2e = tx.Val("Refs", "EndToEndId");
        var instructed = tx.El("AmtDtls", "InstdAmt", "Amt");
        var rate = tx.Val("AmtDtls", "InstdAmt", "CcyXchg", "XchgRate")
            ?? tx.Val("AmtDtls", "TxAmt", "CcyXchg", "XchgRate");
        return entry with
        {
            BankReference = tx.Val("Refs", "AcctSvcrRef") ?? entry.BankReference,
            EndToEndId = e2e is null || e2e == "NOTPROVIDED" ? null : e2e,
            CustomerReference = entry.CustomerReference ?? tx.Val("Refs", "InstrId") ?? tx.Val("Refs", "TxId"),
            AmountMinor = amount,
            CounterpartyName = party.Val("Nm") ?? party.Val("Pty", "Nm"),
            CounterpartyAccount = partyAccount.Val("Id", "IBAN") ?? partyAccount.Val("Id", "Othr", "Id"),
            Remittance = remittance,
            StructuredReferences = refs,
            BankTransactionCode = TransactionCode(tx.El("BkTxCd")) ?? entry.BankTransactionCode,
            ChargesMinor = Charges(tx.El("Chrgs"), entry.Currency, context, path) ?? entry.ChargesMinor,
            OriginalAmount = instructed?.Value.Trim(),
            OriginalCurrency = instructed?.Attribute("Ccy")?.Value,
            ExchangeRate =
                decimal.TryParse(rate, NumberStyles.Number, CultureInfo.InvariantCulture, out var r) ? r : null,
            Information = tx.Val("AddtlTxInf") ?? entry.Information,
            LineNumber = single ? entry.LineNumber : tx.Line(),
            ElementPath = single ? entry.ElementPath : path,
        };
    }

    public static long Amount(XElement amt, ParseContext context, string path)
    {
        var currency = context.Scale(amt.Attribute("Ccy")?.Value ?? "", amt.Line());
        if (OrderToCash.Money.Amounts.TryParseMinor(amt.Value, currency, '.', out var minor, out var error))
            return minor;
        throw context.Fail($"line {amt.Line()}, {path}/{amt.Name.LocalName}", error);
    }

    private static long Signed(long minor, string? indicator, ParseContext context, XElement at, string path) =>
        indicator switch
        {
            "CRDT" => minor,
            "DBIT" => -minor,
            _ => throw context.Fail($"line {at.Line()}, {path}/CdtDbtInd", $"'{indicator}' is not CRDT or DBIT"),
        };

    private static string? TransactionCode(XElement? code)
    {
        if (code is null) return null;
        var domain = code.Val("Domn", "Cd");
        if (domain is not null)
            return $"{domain}/{code.Val("Domn", "Fmly", "Cd")}/{code.Val("Domn", "Fmly", "SubFmlyCd")}";
        return code.Val("Prtry", "Cd");
    }

    /// <summary>
    /// Total charges: TtlChrgsAndTaxAmt (v04+), else the sum of the charge records in the entry currency.
    /// </summary>
    private static long? Charges(XElement? charges, string currency, ParseContext context, string path)
    {
        if (charges is null) return null;
        var total = charges.El("TtlChrgsAndTaxAmt");
        if (total is not null && total.Attribute("Ccy")?.Value == currency) return Amount(total, context, path);
        long sum = 0;
        var any = false;
        var records = charges.Els("Rcrd").Any() ? charges.Els("Rcrd") : [charges];
        foreach (var record in records)
        {
            var amt = record.El("Amt");
            if (amt is null || amt.Attribute("Ccy")?.Value != currency) continue;
            sum = checked(sum + Amount(amt, context, path));
            any = true;
        }
        return any ? sum : null;
    }
}
