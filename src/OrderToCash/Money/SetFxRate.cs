using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Data;

namespace OrderToCash.Money;

public enum SetFxRateError { UnknownCurrency, SameCurrency, NotPositive }

/// <summary>
/// Sets a rate by hand: 1 <c>from</c> = <c>rate</c> <c>to</c> from <c>date</c> on (replacing that day's).
/// </summary>
public sealed class SetFxRate(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<SetFxRateError?> ExecuteAsync(string from, string to, DateOnly date, decimal rate,
        CancellationToken ct = default)
    {
        if (!Currency.TryParse(from, out var f) || !Currency.TryParse(to, out var t))
            return SetFxRateError.UnknownCurrency;
        if (f == t) return SetFxRateError.SameCurrency;
        if (rate <= 0) return SetFxRateError.NotPositive;
        var existing = await db.FxRates.FirstOrDefaultAsync(
            r => r.FromCurrency == f.Code && r.ToCurrency == t.Code && r.Date == date, ct);
        var audit = new AuditTrail(db, clock, actor);
        var key = $"{f.Code}/{t.Code}/{date:yyyy-MM-dd}";
        if (existing is null)
        {
            db.FxRates.Add(new FxRate { FromCurrency = f.Code, ToCurrency = t.Code, Date = date, Rate = rate });
            audit.Record("fx_rate.set", "fx_rate", key, null, new { Rate = rate });
        }
        else if (existing.Rate != rate)
        {
            audit.Record("fx_rate.set", "fx_rate", key, new { existing.Rate }, new { Rate = rate });
            existing.Rate = rate;
            existing.Source = "manual";
        }
        await db.SaveChangesAsync(ct);
        return null;
    }
}
