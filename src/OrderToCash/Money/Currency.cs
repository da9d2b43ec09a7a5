using System.Collections.Frozen;

namespace OrderToCash.Money;

/// <summary>An ISO 4217 currency: its alphabetic code and the number of decimals of its minor unit.</summary>
/// <remarks>
/// Only codes in <see cref="Known"/> can be created, so an unknown code is refused at the edge
/// (<see cref="TryParse"/>) and never reaches the ledger.
/// </remarks>
public readonly record struct Currency
{
    public string Code { get; }
    public int Exponent { get; }

    private Currency(string code, int exponent) { Code = code; Exponent = exponent; }

    /// <summary>10^exponent: the number of minor units in one major unit.</summary>
    public long MinorPerMajor => Exponent switch { 0 => 1, 1 => 10, 2 => 100, 3 => 1000, _ => 10000 };

    public override string ToString() => Code;

    public static Currency Of(string code) =>
        TryParse(code, out var c) ? c : throw new ArgumentException($"Unknown currency '{code}'.", nameof(code));

    public static bool TryParse(string? code, out Currency currency)
    {
        currency = default;
        if (string.IsNullOrWhiteSpace(code)) return false;
        var upper = code.Trim().ToUpperInvariant();
        if (!Table.TryGetValue(upper, out var exponent)) return false;
        currency = new Currency(upper, exponent);
        return true;
    }

    public static bool IsKnown(string? code) => TryParse(code, out _);

    public static IEnumerable<Currency> Known =>
        Table.Select(kv => new Currency(kv.Key, kv.Value)).OrderBy(c => c.Code);

    // ISO 4217 active codes with their minor-unit exponents. Codes without a minor unit (JPY, KRW, ...) are 0,
    // the dinars and rials of the Gulf and Tunisia are 3, CLF and UYW are 4.
    private static readonly FrozenDictionary<string, int> Table = new Dictionary<string, int>
    {
        ["AED"] = 2, ["AFN"] = 2, ["ALL"] = 2, ["AMD"] = 2, ["ANG"] = 2, ["AOA"] = 2, ["ARS"] = 2, ["AUD"] = 2,
        ["AWG"] = 2, ["AZN"] = 2, ["BAM"] = 2, ["BBD"] = 2, ["BDT"] = 2, ["BGN"] = 2, ["BHD"] = 3, ["BIF"] = 0,
        ["BMD"] = 2, ["BND"] = 2, ["BOB"] = 2, ["BRL"] = 2, ["BSD"] = 2, ["BTN"] = 2, ["BWP"] = 2, ["BYN"] = 2,
        ["BZD"] = 2, ["CAD"] = 2, ["CDF"] = 2, ["CHF"] = 2, ["CLF"] = 4, ["CLP"] = 0, ["CNY"] = 2, ["COP"] = 2,
        ["CRC"] = 2, ["CUP"] = 2, ["CVE"] = 2, ["CZK"] = 2, ["DJF"] = 0, ["DKK"] = 2, ["DOP"] = 2, ["DZD"] = 2,
        ["EGP"] = 2, ["ERN"] = 2, ["ETB"] = 2, ["EUR"] = 2, ["FJD"] = 2, ["FKP"] = 2, ["GBP"] = 2, ["GEL"] = 2,
        ["GHS"] = 2, ["GIP"] = 2, ["GMD"] = 2, ["GNF"] = 0, ["GTQ"] = 2, ["GYD"] = 2, ["HKD"] = 2, ["HNL"] = 2,
        ["HTG"] = 2, ["HUF"] = 2, ["IDR"] = 2, ["ILS"] = 2, ["INR"] = 2, ["IQD"] = 3, ["IRR"] = 2, ["ISK"] = 0,
        ["JMD"] = 2, ["JOD"] = 3, ["JPY"] = 0, ["KES"] = 2, ["KGS"] = 2, ["KHR"] = 2, ["KMF"] = 0, ["KPW"] = 2,
        ["KRW"] = 0, ["KWD"] = 3, ["KYD"] = 2, ["KZT"] = 2, ["LAK"] = 2, ["LBP"] = 2, ["LKR"] = 2, ["LRD"] = 2,
        ["LSL"] = 2, ["LYD"] = 3, ["MAD"] = 2, ["MDL"] = 2, ["MGA"] = 2, ["MKD"] = 2, ["MMK"] = 2, ["MNT"] = 2,
        ["MOP"] = 2, ["MRU"] = 2, ["MUR"] = 2, ["MVR"] = 2, ["MWK"] = 2, ["MXN"] = 2, ["MYR"] = 2, ["MZN"] = 2,
        ["NAD"] = 2, ["NGN"] = 2, ["NIO"] = 2, ["NOK"] = 2, ["NPR"] = 2, ["NZD"] = 2, ["OMR"] = 3, ["PAB"] = 2,
        ["PEN"] = 2, ["PGK"] = 2, ["PHP"] = 2, ["PKR"] = 2, ["PLN"] = 2, ["PYG"] = 0, ["QAR"] = 2, ["RON"] = 2,
        ["RSD"] = 2, ["RUB"] = 2, ["RWF"] = 0, ["SAR"] = 2, ["SBD"] = 2, ["SCR"] = 2, ["SDG"] = 2, ["SEK"] = 2,
        ["SGD"] = 2, ["SHP"] = 2, ["SLE"] = 2, ["SOS"] = 2, ["SRD"] = 2, ["SSP"] = 2, ["STN"] = 2, ["SVC"] = 2,
        ["SYP"] = 2, ["SZL"] = 2, ["THB"] = 2, ["TJS"] = 2, ["TMT"] = 2, ["TND"] = 3, ["TOP"] = 2, ["TRY"] = 2,
        ["TTD"] = 2, ["TWD"] = 2, ["TZS"] = 2, ["UAH"] = 2, ["UGX"] = 0, ["USD"] = 2, ["UYI"] = 0, ["UYU"] = 2,
        ["UYW"] = 4, ["UZS"] = 2, ["VED"] = 2, ["VES"] = 2, ["VND"] = 0, ["VUV"] = 0, ["WST"] = 2, ["XAF"] = 0,
        ["XCD"] = 2, ["XCG"] = 2, ["XOF"] = 0, ["XPF"] = 0, ["YER"] = 2, ["ZAR"] = 2, ["ZMW"] = 2, ["ZWG"] = 2,
        ["HRK"] = 2, ["SLL"] = 2, ["VEF"] = 2, ["ZWL"] = 2,
    }.ToFrozenDictionary();

    public static readonly Currency EUR = Of("EUR");
    public static readonly Currency USD = Of("USD");
    public static readonly Currency CNY = Of("CNY");
    public static readonly Currency GBP = Of("GBP");
    public static readonly Currency CHF = Of("CHF");
    public static readonly Currency JPY = Of("JPY");
}
