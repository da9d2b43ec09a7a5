using System.Globalization;
using System.Text;
using System.Xml;
using OrderToCash.Money;

namespace OrderToCash.CashApplication.Payments;

/// <summary>One payment out: to whom, how much, and the end-to-end id the bank statement will bring back.</summary>
public sealed record CreditTransfer(string EndToEndId, long AmountMinor, string CreditorName, string CreditorAccount,
    string? CreditorBic, string Remittance);

/// <summary>A batch of credit transfers from one account of the entity, executed on one date.</summary>
public sealed record CreditTransferBatch(string MessageId, DateTimeOffset CreatedAt, DateOnly ExecutionDate,
    string DebtorName, string DebtorIban, string? DebtorBic, Currency Currency,
    IReadOnlyList<CreditTransfer> Transfers);

/// <summary>
/// Writes a SEPA credit transfer initiation, ISO 20022 <c>pain.001.001.03</c>: a group header, one payment
/// information block (debtor = the entity and its account) and one CdtTrfTxInf per transfer. Pure.
/// </summary>
/// <remarks>
/// Texts are cut to the schema's lengths and reduced to the SEPA character set (Latin letters, digits, / - ? : ( ) .
/// , ' + and space); a creditor without a BIC is sent IBAN-only, which SEPA has allowed since 2016.
/// </remarks>
public static class Pain001
{
    public const string Namespace = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";

    public static string Write(CreditTransferBatch batch)
    {
        if (batch.Transfers.Count == 0) throw new ArgumentException("a payment file needs at least one transfer");
        var total = batch.Transfers.Aggregate(0L, (s, t) => checked(s + t.AmountMinor));
        var sb = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using (var w = XmlWriter.Create(sb, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("Document", Namespace);
            w.WriteStartElement("CstmrCdtTrfInitn");
            w.WriteStartElement("GrpHdr");
            w.WriteElementString("MsgId", Text(batch.MessageId, 35));
            w.WriteElementString("CreDtTm", batch.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss",
                CultureInfo.InvariantCulture));
            w.WriteElementString("NbOfTxs", batch.Transfers.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("CtrlSum", Amount(total, batch.Currency));
            Party(w, "InitgPty", batch.DebtorName);
            w.WriteEndElement();

            w.WriteStartElement("PmtInf");
            w.WriteElementString("PmtInfId", Text(batch.MessageId + "-1", 35));
            w.WriteElementString("PmtMtd", "TRF");
            w.WriteElementString("BtchBookg", "false");
            w.WriteElementString("NbOfTxs", batch.Transfers.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("CtrlSum", Amount(total, batch.Currency));
            w.WriteStartElement("PmtTpInf");
            w.WriteStartElement("SvcLvl");
            w.WriteElementString("Cd", "SEPA");
            w.WriteEndElement();
            w.WriteEndElement();
            var date = batch.ExecutionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            w.WriteElementString("ReqdExctnDt", date);
            Party(w, "Dbtr", batch.DebtorName);
            Account(w, "DbtrAcct", batch.DebtorIban, batch.Currency);
            Agent(w, "DbtrAgt", batch.DebtorBic, required: true);
            w.WriteElementString("ChrgBr", "SLEV");
            foreach (var t in batch.Transfers) Transfer(w, t, batch.Currency);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"UTF-8\"", StringComparison.Ordinal);
    }

    private static void Transfer(XmlWriter w, CreditTransfer t, Currency currency)
    {
        if (t.AmountMinor <= 0) throw new ArgumentException($"transfer {t.EndToEndId}: amount must be positive");
        w.WriteStartElement("CdtTrfTxInf");
        w.WriteStartElement("PmtId");
        w.WriteElementString("EndToEndId", Text(t.EndToEndId, 35));
        w.WriteEndElement();
        w.WriteStartElement("Amt");
        w.WriteStartElement("InstdAmt");
        w.WriteAttributeString("Ccy", currency.Code);
        w.WriteString(Amount(t.AmountMinor, currency));
        w.WriteEndElement();
        w.WriteEndElement();
        Agent(w, "CdtrAgt", t.CreditorBic, required: false);
        Party(w, "Cdtr", t.CreditorName);
        Account(w, "CdtrAcct", t.CreditorAccount, null);
        w.WriteStartElement("RmtInf");
        w.WriteElementString("Ustrd", Text(t.Remittance, 140));
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Party(XmlWriter w, string name, string partyName)
    {
        w.WriteStartElement(name);
        w.WriteElementString("Nm", Text(partyName, 70));
        w.WriteEndElement();
    }

    private static void Account(XmlWriter w, string name, string iban, Currency? currency)
    {
        w.WriteStartElement(name);
        w.WriteStartElement("Id");
        w.WriteElementString("IBAN", iban);
        w.WriteEndElement();
        if (currency is { } c) w.WriteElementString("Ccy", c.Code);
        w.WriteEndElement();
    }

    private static void Agent(XmlWriter w, string name, string? bic, bool required)
    {
        if (bic is null && !required) return;
        w.WriteStartElement(name);
        w.WriteStartElement("FinInstnId");
        if (bic is not null) w.WriteElementString("BIC", bic);
        else
        {
            w.WriteStartElement("Othr");
            w.WriteElementString("Id", "NOTPROVIDED");
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>Major units with the currency's decimals and a '.' (schema: at most 5 fraction digits).</summary>
    public static string Amount(long minor, Currency currency) => Amounts.Format(minor, currency);

    /// <summary>A text in the SEPA character set, cut to <paramref name="max"/> characters.</summary>
    public static string Text(string text, int max)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (sb.Length == max) break;
            if (char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(char.IsAsciiLetterOrDigit(c) || "/-?:().,'+ ".Contains(c) ? c : ' ');
        }
        var result = sb.ToString().Trim();
        return result.Length == 0 ? "NOTPROVIDED" : result;
    }
}
