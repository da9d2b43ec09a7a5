using System.Globalization;
using System.Text;

namespace OrderToCash.CashApplication.Benchmark;

/// <summary>Writes receipts as SWIFT MT940 customer statements, one per house account.</summary>
/// <remarks>
/// :61: carries value date, entry date, C/D mark, amount with decimal comma, NTRF, the customer reference and
/// after // the bank reference (the entry's <c>bank_reference</c>). :86: uses the German structured subfields:
/// ?00 posting text, ?20-?29 remittance (EREF+ first, then SVWZ+), ?30 BIC, ?31 account, ?32-?33 payer name.
/// Text is reduced to the SWIFT X character set (CJK names do not survive MT940; camt.053 keeps them).
/// </remarks>
public static class Mt940Writer
{
    public static string Write(IReadOnlyList<AccountStatement> statements, DateOnly date)
    {
        var sb = new StringBuilder();
        var number = 0;
        foreach (var s in statements)
        {
            var ccy = s.Account.Currency.Code;
            var net = s.Entries.Sum(r => r.Amount.Minor);
            Line(sb, $":20:STMT{date:yyMMdd}{++number:D3}");
            Line(sb, $":25:{s.Account.Bic}/{s.Account.Iban}");
            Line(sb, $":28C:{number:D5}/1");
            Line(sb, $":60F:C{date.AddDays(-3):yyMMdd}{ccy}0,00");
            foreach (var r in s.Entries)
            {
                var mark = r.Amount.IsPositive ? "C" : "D";
                var amount = StatementLayout.Major(r.Amount.Minor, r.Amount.Currency).Replace('.', ',');
                if (!amount.Contains(',')) amount += ",";
                var customerRef = r.EndToEndId.Length > 0 && r.EndToEndId != "NOTPROVIDED"
                    ? StatementLayout.Swift(r.EndToEndId).Replace(" ", "") : "NONREF";
                if (customerRef.Length > 16) customerRef = customerRef[..16];
                Line(sb, $":61:{r.BookingDate:yyMMdd}{r.BookingDate:MMdd}{mark}{amount}NTRF{customerRef}//{r.Id}");
                Details(sb, r);
            }
            var closing = StatementLayout.Major(net, s.Account.Currency).Replace('.', ',');
            if (!closing.Contains(',')) closing += ",";
            Line(sb, $":62F:{(net >= 0 ? "C" : "D")}{date:yyMMdd}{ccy}{closing}");
            sb.Append("-\r\n");
        }
        return sb.ToString();
    }

    private static void Details(StringBuilder sb, Receipt r)
    {
        var fields = new List<string> { "?00" + (r.Amount.IsPositive ? "GUTSCHRIFT" : "BELASTUNG") };
        var remittance = new List<string>();
        if (r.EndToEndId.Length > 0) remittance.Add("EREF+" + r.EndToEndId);
        var text = string.Join(" ", r.StructuredReferences.Append(r.RemittanceText).Where(t => t.Length > 0));
        if (text.Length > 0) remittance.Add("SVWZ+" + text);
        var sub = 20;
        foreach (var chunk in remittance.SelectMany(t => StatementLayout.Chunks(StatementLayout.Swift(t), 27)))
        {
            if (sub > 29) break;
            fields.Add($"?{sub++}{chunk}");
        }
        if (r.PayerAccount.Length > 0) fields.Add("?31" + StatementLayout.Swift(Names.Account(r.PayerAccount)));
        var name = StatementLayout.Swift(r.PayerName).Trim();
        var nameSub = 32;
        foreach (var chunk in StatementLayout.Chunks(name, 27).Take(2)) fields.Add($"?{nameSub++}{chunk}");
        var all = "166" + string.Concat(fields);
        var first = true;
        foreach (var line in StatementLayout.Chunks(all, 65))
        {
            Line(sb, first ? ":86:" + line : line);
            first = false;
        }
    }

    private static void Line(StringBuilder sb, string text) => sb.Append(text).Append("\r\n");
}
