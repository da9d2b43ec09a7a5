namespace OrderToCash.Money;

/// <summary>A stored exchange rate: 1 <see cref="FromCurrency"/> = <see cref="Rate"/>
/// <see cref="ToCurrency"/>.</summary>
public sealed class FxRate
{
    public required string FromCurrency { get; init; }
    public required string ToCurrency { get; init; }
    public DateOnly Date { get; init; }
    public decimal Rate { get; set; }
    public string Source { get; set; } = "manual";

    public ExchangeRate ToValue() => new(Currency.Of(FromCurrency), Currency.Of(ToCurrency), Date, Rate);
}
