using System.Globalization;
using System.Xml.Linq;

namespace OrderToCash.CashApplication.Benchmark;

/// <summary>Writes receipts as an ISO 20022 camt.053.001.02 bank-to-customer statement.</summary>
public static class Camt053Writer
{
    private static readonly XNamespace Ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02";

    public static string Write(IReadOnlyList<AccountStatement> statements, DateOnly date)
    {
        var created = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T18:00:00";
        var header = new XElement(Ns + "GrpHdr", new XElement(Ns + "MsgId", $"O2C-{date:yyyyMMdd}-1"),
            new XElement(Ns + "CreDtTm", created));
        var body = new XElement(Ns + "BkToCstmrStmt", header);
        var sequence = 0;
        foreach (var s in statements) body.Add(Statement(s, date, created, ++sequence));
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement(Ns + "Document", body));
        return document.Declaration + "\n" + document.Root!.ToString() + "\n";
    }

    private static XElement Statement(AccountStatement s, DateOnly date, string created, int sequence)
    {
        var ccy = s.Account.Currency.Code;
        var net = s.Entries.Sum(r => r.Amount.Minor);
        var statement = new XElement(Ns + "Stmt",
            new XElement(Ns + "Id", $"{s.Account.LegalEntityId}-{ccy}-{date:yyyyMMdd}"),
            new XElement(Ns + "ElctrncSeqNb", sequence),
            new XElement(Ns + "CreDtTm", created),
            new XElement(Ns + "Acct",
                new XElement(Ns + "Id", new XElement(Ns + "IBAN", s.Account.Iban)),
                new XElement(Ns + "Ccy", ccy),
                new XElement(Ns + "Svcr", new XElement(Ns + "FinInstnId", new XElement(Ns + "BIC", s.Account.Bic)))),
            Balance("OPBD", 0, s, date.AddDays(-3)),
            Balance("CLBD", net, s, date),
            new XElement(Ns + "TxsSummry", new XElement(Ns + "TtlNtries",
                new XElement(Ns + "NbOfNtries", s.Entries.Count),
                new XElement(Ns + "Sum", StatementLayout.Major(s.Entries.Sum(r => Math.Abs(r.Amount.Minor)),
                    s.Account.Currency)),
                new XElement(Ns + "TtlNetNtryAmt", StatementLayout.Major(net, s.Account.Currency)),
                new XElement(Ns + "CdtDbtInd", net >= 0 ? "CRDT" : "DBIT"))));
        foreach (var r in s.Entries) statement.Add(Entry(r));
        return statement;
    }

    private static XElement Balance(string code, long minor, AccountStatement s, DateOnly date) =>
        new(Ns + "Bal",
            new XElement(Ns + "Tp", new XElement(Ns + "CdOrPrtry", new XElement(Ns + "Cd", code))),
            Amount(minor, s.Account.Currency),
            new XElement(Ns + "CdtDbtInd", minor >= 0 ? "CRDT" : "DBIT"),
            new XElement(Ns + "Dt", new XElement(Ns + "Dt", Iso(date))));

    private static XElement Amount(long minor, OrderToCash.Money.Currency currency) =>
        new(Ns + "Amt", new XAttribute("Ccy", currency.Code), StatementLayout.Major(minor, currency));

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static XElement Entry(Receipt r)
    {
        var credit = r.Amount.IsPositive;
        var family = credit ? ("RCDT", "ESCT") : ("CCRD", "CHRG");
        var tx = new XElement(Ns + "TxDtls",
            new XElement(Ns + "Refs", new XElement(Ns + "AcctSvcrRef", r.Id),
                new XElement(Ns + "EndToEndId", r.EndToEndId.Length > 0 ? r.EndToEndId : "NOTPROVIDED")),
            new XElement(Ns + "AmtDtls",
                r.Instructed is { } instructed
                    ? new XElement(Ns + "InstdAmt", Amount(instructed.Minor, instructed.Currency))
                    : null,
                new XElement(Ns + "TxAmt", Amount(r.Amount.Minor, r.Amount.Currency))));
        if (credit)
        {
            var account = Names.Account(r.PayerAccount);
            var accountId = account.Length > 2 && char.IsAsciiLetter(account[0]) && char.IsAsciiLetter(account[1])
                ? new XElement(Ns + "IBAN", account)
                : new XElement(Ns + "Othr", new XElement(Ns + "Id", r.PayerAccount));
            tx.Add(new XElement(Ns + "RltdPties",
                new XElement(Ns + "Dbtr", new XElement(Ns + "Nm", Limit(r.PayerName, 140))),
                new XElement(Ns + "DbtrAcct", new XElement(Ns + "Id", accountId))));
        }
        var remittance = new XElement(Ns + "RmtInf");
        if (r.RemittanceText.Length > 0) remittance.Add(new XElement(Ns + "Ustrd", Limit(r.RemittanceText, 140)));
        foreach (var reference in r.StructuredReferences)
            remittance.Add(new XElement(Ns + "Strd", new XElement(Ns + "CdtrRefInf",
                new XElement(Ns + "Tp", new XElement(Ns + "CdOrPrtry", new XElement(Ns + "Cd", "SCOR"))),
                new XElement(Ns + "Ref", Limit(reference, 35)))));
        if (remittance.HasElements) tx.Add(remittance);
        return new XElement(Ns + "Ntry",
            Amount(r.Amount.Minor, r.Amount.Currency),
            new XElement(Ns + "CdtDbtInd", credit ? "CRDT" : "DBIT"),
            new XElement(Ns + "Sts", "BOOK"),
            new XElement(Ns + "BookgDt", new XElement(Ns + "Dt", Iso(r.BookingDate))),
            new XElement(Ns + "ValDt", new XElement(Ns + "Dt", Iso(r.BookingDate))),
            new XElement(Ns + "AcctSvcrRef", r.Id),
            new XElement(Ns + "BkTxCd", new XElement(Ns + "Domn", new XElement(Ns + "Cd", "PMNT"),
                new XElement(Ns + "Fmly", new XElement(Ns + "Cd", family.Item1), new XElement(Ns + "SubFmlyCd",
                    family.Item2)))),
            new XElement(Ns + "NtryDtls", tx));
    }

    private static string Limit(string text, int max) => text.Length <= max ? text : text[..max];
}
