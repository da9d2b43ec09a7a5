using System.Text.RegularExpressions;

namespace OrderToCash.Customers;

/// <summary>Payment terms: net days and an optional early-payment discount ("2/10 NET 30").</summary>
public readonly record struct Terms(int NetDays, decimal? DiscountPercent, int? DiscountDays)
{
    public DateOnly DueDate(DateOnly invoiceDate) => invoiceDate.AddDays(NetDays);
    public DateOnly? DiscountDueDate(DateOnly invoiceDate) =>
        DiscountDays is { } d ? invoiceDate.AddDays(d) : null;
}

public static partial class PaymentTerms
{
    /// <summary>Parses "NET30", "Net 30", "30", "2/10 NET 30", "2/10 N30", "DUE" (= net 0).</summary>
    public static bool TryParse(string? text, out Terms terms)
    {
        terms = new Terms(30, null, null);
        if (string.IsNullOrWhiteSpace(text)) return true;
        var t = text.Trim().ToUpperInvariant();
        if (t is "DUE" or "IMMEDIATE" or "COD") { terms = new Terms(0, null, null); return true; }
        var m = Pattern().Match(t);
        if (!m.Success) return false;
        var net = int.Parse(m.Groups["net"].Value);
        if (m.Groups["pct"].Success)
        {
            var pct = decimal.Parse(m.Groups["pct"].Value.Replace(',', '.'),
                System.Globalization.CultureInfo.InvariantCulture);
            terms = new Terms(net, pct, int.Parse(m.Groups["days"].Value));
        }
        else terms = new Terms(net, null, null);
        return net is >= 0 and <= 3650;
    }

    [GeneratedRegex(@"^(?:(?<pct>\d+(?:[.,]\d+)?)\s*%?\s*/\s*(?<days>\d+)\s*,?\s*)?" +
        @"(?:NET|N)?\s*(?<net>\d+)(?:\s*DAYS?)?$")]
    private static partial Regex Pattern();
}
