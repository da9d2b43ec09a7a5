namespace OrderToCash.Money;

/// <summary>
/// Rates of last resort: rounded, indicative levels of the major currencies against the US dollar. A database
/// loaded from files alone (customers, open items, a statement; no rate file) would otherwise refuse the first
/// foreign-currency invoice or bank account outright. An import that needs a pair with no rate on file at all
/// stores one of these, marked <see cref="Source"/>, says so, and audits it; importing the real rates (`o2c import
/// fx-rates`, `o2c fx set`) replaces them from their date on, and month-end revaluation corrects the balances.
/// The cash-application matcher never uses them to decide an amount.
/// </summary>
public static class IndicativeRates
{
    public const string Source = "indicative";

    /// <summary>Units of each currency per US dollar (rounded market levels; not a quotation).</summary>
    private static readonly Dictionary<string, decimal> PerUsd = new(StringComparer.Ordinal)
    {
        ["USD"] = 1m, ["EUR"] = 0.90m, ["GBP"] = 0.78m, ["CHF"] = 0.85m, ["JPY"] = 150m, ["CNY"] = 7.2m,
        ["HKD"] = 7.8m, ["SGD"] = 1.33m, ["CAD"] = 1.37m, ["AUD"] = 1.52m, ["NZD"] = 1.65m, ["SEK"] = 10.5m,
        ["NOK"] = 10.8m, ["DKK"] = 6.7m, ["PLN"] = 3.9m, ["CZK"] = 22.5m, ["HUF"] = 360m, ["RON"] = 4.5m,
        ["BGN"] = 1.76m, ["TRY"] = 35m, ["ILS"] = 3.7m, ["INR"] = 84m, ["KRW"] = 1380m, ["TWD"] = 31.5m,
        ["THB"] = 35m, ["MYR"] = 4.5m, ["IDR"] = 16000m, ["PHP"] = 57m, ["VND"] = 25000m, ["MXN"] = 18.5m,
        ["BRL"] = 5.5m, ["CLP"] = 940m, ["COP"] = 4100m, ["PEN"] = 3.75m, ["ZAR"] = 18.2m, ["AED"] = 3.6725m,
        ["SAR"] = 3.75m, ["QAR"] = 3.64m, ["KWD"] = 0.307m, ["BHD"] = 0.376m, ["OMR"] = 0.3845m, ["EGP"] = 48m,
        ["MAD"] = 9.9m, ["KES"] = 129m, ["NGN"] = 1550m,
    };

    /// <summary>What an import says when it used one of these rates.</summary>
    public static string Note(FxRate r) =>
        $"no {r.FromCurrency}/{r.ToCurrency} rate was on file: used the indicative rate {r.Rate} from " +
        $"{r.Date:yyyy-MM-dd}; import the real rates (o2c import fx-rates) and revalue at month end";

    /// <summary>1 <paramref name="from"/> in <paramref name="to"/>, to 10 decimals; null for a currency not in the
    /// table.</summary>
    public static decimal? Of(Currency from, Currency to)
    {
        if (from == to) return 1m;
        if (!PerUsd.TryGetValue(from.Code, out var f) || !PerUsd.TryGetValue(to.Code, out var t)) return null;
        return Math.Round(t / f, 10, MidpointRounding.ToEven);
    }
}
