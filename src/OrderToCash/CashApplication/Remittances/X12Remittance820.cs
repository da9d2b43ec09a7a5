using System.Globalization;
using OrderToCash.Data;
using OrderToCash.Money;

namespace OrderToCash.CashApplication.Remittances;

/// <summary>
/// X12 820 payment orders / remittance advices (004010 and 005010): one advice per ST..SE set. BPR gives the
/// payment amount (BPR02) and date (BPR16), CUR the currency (USD otherwise), TRN the trace number (TRN02), N1*PR
/// the payer; each RMR an invoice reference (RMR02) with paid (RMR04), billed (RMR05) and discount (RMR06)
/// amounts; an ADX after an RMR adjusts that invoice, an ADX before any RMR is an adjustment of the payment. Pure.
/// </summary>
/// <remarks>Delimiters come from the ISA: element = 4th character, segment terminator = the character after
/// ISA16 (newline in some files). The 003010 layout (BPS/RMT) is refused by name.</remarks>
public static class X12Remittance820
{
    public static ParsedRemittanceFile Parse(string text)
    {
        if (text.Length < 106) return Refused(1, "ISA", "the ISA segment is shorter than its 106 characters");
        var element = text[3];
        var terminator = text[105];
        var segments = text.Split(terminator).Select(s => s.Trim('\r', '\n', ' ')).Where(s => s.Length > 0).ToList();
        if (segments.Count > RemittanceFiles.MaxLines) return Refused(1, "", "too many segments");
        var problems = new List<ImportProblem>();
        var warnings = new List<string>();
        var advices = new List<ParsedRemittance>();
        Set? set = null;
        for (var i = 0; i < segments.Count; i++)
        {
            var n = i + 1;
            var f = segments[i].Split(element);
            string F(int k) => k < f.Length ? f[k].Trim() : "";
            long Amount(int k, string what)
            {
                var value = F(k);
                if (value.Length == 0) return 0;
                if (Amounts.TryParseMinor(value, set?.Currency ?? Currency.USD, out var minor, out var error))
                    return minor;
                problems.Add(new(n, what, error));
                return 0;
            }
            switch (f[0])
            {
                case "ST":
                    if (F(1) != "820") { set = null; break; }
                    set = new Set($"segment {n}");
                    break;
                case "BPS" or "RMT" when set is not null:
                    problems.Add(new(n, f[0], "the 003010 820 layout (BPS/RMT) is not supported"));
                    break;
                case "BPR" when set is not null:
                    set.AmountMinor = Amount(2, "BPR02");
                    set.Date = F(16).Length == 8 ? Date(F(16)) : null;
                    break;
                case "CUR" when set is not null:
                    if (Currency.TryParse(F(2), out var currency)) set.Currency = currency;
                    else problems.Add(new(n, "CUR02", $"'{F(2)}' is not a currency code"));
                    break;
                case "TRN" when set is not null:
                    set.Trace ??= F(2);
                    break;
                case "N1" when set is not null && F(1) == "PR":
                    set.Payer = F(2);
                    break;
                case "RMR" when set is not null:
                    if (F(2).Length == 0) { problems.Add(new(n, "RMR02", "reference missing")); break; }
                    set.Invoices.Add(new RemittanceInvoice(F(2), Amount(4, "RMR04"),
                        F(5).Length > 0 ? Amount(5, "RMR05") : null, Amount(6, "RMR06")));
                    break;
                case "ADX" when set is not null:
                    var amount = Amount(1, "ADX01");
                    if (set.Invoices.Count == 0) set.Invoices.Add(new RemittanceInvoice("", 0, null, 0, amount, F(2)));
                    else set.Invoices[^1] = set.Invoices[^1] with
                    {
                        AdjustmentMinor = checked(set.Invoices[^1].AdjustmentMinor + amount),
                        AdjustmentReason = F(2),
                    };
                    break;
                case "SE" when set is not null:
                    advices.Add(set.ToAdvice(warnings));
                    set = null;
                    break;
            }
        }
        if (set is not null) problems.Add(new(segments.Count, "SE", $"the 820 set at {set.Location} has no SE"));
        if (advices.Count == 0 && problems.Count == 0) problems.Add(new(1, "ST", "no 820 transaction set"));
        return problems.Count > 0 ? new(RemittanceFiles.X12, [], problems, warnings)
            : new(RemittanceFiles.X12, advices, [], warnings);
    }

    private sealed class Set(string location)
    {
        public string Location => location;
        public long AmountMinor;
        public DateOnly? Date;
        public Currency Currency = Currency.USD;
        public string? Trace, Payer;
        public List<RemittanceInvoice> Invoices { get; } = [];

        public ParsedRemittance ToAdvice(List<string> warnings)
        {
            var sum = Invoices.Sum(i => i.PaidMinor + i.AdjustmentMinor);
            if (sum != AmountMinor && Invoices.Count > 0)
                warnings.Add($"{location}: BPR amount {AmountMinor} but RMR/ADX lines sum to {sum} (minor units)");
            return new ParsedRemittance(Payer ?? "", Trace, Date, AmountMinor, Currency.Code, Invoices.ToList(),
                location);
        }
    }

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : null;

    private static ParsedRemittanceFile Refused(int line, string column, string reason) =>
        new(RemittanceFiles.X12, [], [new ImportProblem(line, column, reason)], []);
}
