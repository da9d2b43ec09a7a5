namespace OrderToCash.Money;

/// <summary>
/// The currency of a country (ISO 3166-1 alpha-2 to ISO 4217), for the countries whose banks a group is likely to
/// hold accounts with: where an account is held says which company of the group most likely keeps it.
/// </summary>
public static class HomeCurrencies
{
    private static readonly string[] Euro =
    [
        "AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MC", "MT", "NL",
        "PT", "SI", "SK", "SM", "AD", "VA",
    ];

    private static readonly Dictionary<string, string> Others = new()
    {
        ["GB"] = "GBP", ["US"] = "USD", ["CA"] = "CAD", ["MX"] = "MXN", ["BR"] = "BRL", ["CH"] = "CHF", ["LI"] = "CHF",
        ["SE"] = "SEK", ["NO"] = "NOK", ["DK"] = "DKK", ["IS"] = "ISK", ["PL"] = "PLN", ["CZ"] = "CZK", ["HU"] = "HUF",
        ["RO"] = "RON", ["BG"] = "BGN", ["RS"] = "RSD", ["TR"] = "TRY", ["IL"] = "ILS", ["AE"] = "AED", ["SA"] = "SAR",
        ["QA"] = "QAR", ["ZA"] = "ZAR", ["CN"] = "CNY", ["HK"] = "HKD", ["TW"] = "TWD", ["JP"] = "JPY", ["KR"] = "KRW",
        ["SG"] = "SGD", ["MY"] = "MYR", ["TH"] = "THB", ["ID"] = "IDR", ["PH"] = "PHP", ["VN"] = "VND", ["IN"] = "INR",
        ["AU"] = "AUD", ["NZ"] = "NZD",
    };

    /// <summary>The country's currency code, or null for a country not listed.</summary>
    public static string? Of(string country) =>
        Array.IndexOf(Euro, country) >= 0 ? "EUR" : Others.GetValueOrDefault(country);

    /// <summary>
    /// The country an account number names: an IBAN's first two letters (two letters, then two check digits), or
    /// null for a domestic number.
    /// </summary>
    public static string? CountryOfAccount(string account) =>
        account.Length >= 15 && char.IsAsciiLetterUpper(account[0]) && char.IsAsciiLetterUpper(account[1])
            && char.IsAsciiDigit(account[2]) && char.IsAsciiDigit(account[3])
            ? account[..2] : null;
}
