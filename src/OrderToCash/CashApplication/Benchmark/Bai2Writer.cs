using System.Globalization;
using System.Text;

namespace OrderToCash.CashApplication.Benchmark;

/// <summary>Writes receipts as a BAI2 file: 01 file, 02 group, 03 account, 16 detail, 88 continuation,
/// 49 account trailer, 98 group trailer, 99 file trailer, with the control totals and record counts.</summary>
/// <remarks>
/// Amounts are unsigned minor units; the type code says credit (195 incoming transfer) or debit (699 other
/// debit). The 16 record carries the bank reference (the entry's <c>bank_reference</c>) and the customer
/// reference, then free text: payer name, account and remittance, continued in 88 records.
/// </remarks>
public static class Bai2Writer
{
    private const int RecordLength = 80;

    public static string Write(IReadOnlyList<AccountStatement> statements, DateOnly date)
    {
        var sb = new StringBuilder();
        var fileRecords = 0;
        long fileTotal = 0;
        var groups = 0;
        var d = date.ToString("yyMMdd", CultureInfo.InvariantCulture);
        Record(sb, ref fileRecords, $"01,O2CBANK,ORDERTOCASH,{d},1800,1,,,2/");
        foreach (var byCurrency in statements.GroupBy(s => s.Account.Currency.Code))
        {
            groups++;
            var groupRecords = 0;
            long groupTotal = 0;
            Record(sb, ref groupRecords, $"02,ORDERTOCASH,O2CBANK,1,{d},1800,{byCurrency.Key},2/");
            foreach (var s in byCurrency)
            {
                var accountRecords = 0;
                var net = s.Entries.Sum(r => r.Amount.Minor);
                long accountTotal = net;
                Record(sb, ref accountRecords, $"03,{s.Account.Iban},{byCurrency.Key},010,0,,,015,{net},,/");
                foreach (var r in s.Entries)
                {
                    var amount = Math.Abs(r.Amount.Minor);
                    accountTotal += amount;
                    var type = r.Amount.IsPositive ? "195" : "699";
                    var customerRef = r.EndToEndId.Length > 0 ? Clean(r.EndToEndId) : "";
                    var text = Clean(string.Join(" ", new[]
                    {
                        r.PayerName.Length > 0 ? "NAME " + r.PayerName : "",
                        r.PayerAccount.Length > 0 ? "ACCT " + r.PayerAccount : "",
                        string.Join(" ", r.StructuredReferences.Append(r.RemittanceText).Where(t => t.Length > 0)),
                    }.Where(t => t.Length > 0)));
                    var head = $"16,{type},{amount},0,{r.Id},{customerRef},";
                    var room = Math.Max(0, RecordLength - head.Length);
                    Record(sb, ref accountRecords, head + text[..Math.Min(room, text.Length)]);
                    for (var rest = text.Length > room ? text[room..] : ""; rest.Length > 0;)
                    {
                        var take = Math.Min(RecordLength - 3, rest.Length);
                        Record(sb, ref accountRecords, "88," + rest[..take]);
                        rest = rest[take..];
                    }
                }
                accountRecords++;
                sb.Append(CultureInfo.InvariantCulture, $"49,{accountTotal},{accountRecords}/\n");
                groupRecords += accountRecords;
                groupTotal += accountTotal;
            }
            groupRecords++;
            sb.Append(CultureInfo.InvariantCulture, $"98,{groupTotal},{byCurrency.Count()},{groupRecords}/\n");
            fileRecords += groupRecords;
            fileTotal += groupTotal;
        }
        fileRecords++;
        sb.Append(CultureInfo.InvariantCulture, $"99,{fileTotal},{groups},{fileRecords}/\n");
        return sb.ToString();
    }

    private static void Record(StringBuilder sb, ref int count, string record)
    {
        sb.Append(record).Append('\n');
        count++;
    }

    // Commas and slashes delimit BAI2 fields; text keeps neither, and line breaks become blanks.
    private static string Clean(string text) =>
        text.Replace(',', ' ').Replace('/', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
