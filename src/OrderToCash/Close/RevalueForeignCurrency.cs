using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.Close;

/// <summary>
/// Month-end unrealised FX revaluation of open AR items in a foreign currency: Dr AR revaluation / Cr FX gain (or
/// Dr FX loss / Cr AR revaluation) for the difference between their booked functional value and their value at the
/// period-end rate; reversed automatically on the next day, so the following period starts from booked values.
/// </summary>
public sealed class RevalueForeignCurrency(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<(PostingOutcome Outcome, int Items)> ExecuteAsync(string legalEntityId, DateOnly asOf,
        Guid entryId, Guid reversalId, CancellationToken ct = default)
    {
        var journal = new Journal(db, clock, actor);
        var entity = await journal.EntityAsync(legalEntityId, ct);
        if (entity is null)
            return (PostingOutcome.Refused(LedgerError.UnknownLegalEntity, $"unknown legal entity {legalEntityId}"), 0);
        var functional = Currency.Of(entity.FunctionalCurrency);
        var ar = await journal.AccountAsync(legalEntityId, AccountRole.ArControl, ct);
        var items = await db.OpenItems.AsNoTracking()
            .Where(o => o.LegalEntityId == legalEntityId && o.AccountId == ar.Id && o.OpenMinor != 0
                        && o.Currency != functional.Code && o.DocumentDate <= asOf)
            .Select(o => new { o.Id, o.Currency, o.OpenMinor, o.CustomerId }).ToListAsync(ct);
        var ids = items.Select(i => i.Id).ToList();
        var booked = new Dictionary<Guid, long>();
        foreach (var chunk in ids.Chunk(1000))
            foreach (var row in await db.JournalLines
                         .Where(l => l.OpenItemId != null && chunk.Contains(l.OpenItemId.Value))
                         .GroupBy(l => l.OpenItemId!.Value)
                         .Select(g => new { g.Key, Sum = g.Sum(l => l.FunctionalMinor) })
                         .ToListAsync(ct))
                booked[row.Key] = row.Sum;
        var revaluation = await journal.AccountAsync(legalEntityId, AccountRole.ArRevaluation, ct);
        var gain = await journal.AccountAsync(legalEntityId, AccountRole.FxGain, ct);
        var loss = await journal.AccountAsync(legalEntityId, AccountRole.FxLoss, ct);
        var lines = new List<PostingLine>();
        foreach (var byCurrency in items.GroupBy(i => i.Currency))
        {
            var currency = Currency.Of(byCurrency.Key);
            var rate = await journal.RateAsync(currency, functional, asOf, ct);
            if (rate is null)
                return (PostingOutcome.Refused(LedgerError.NoExchangeRate, $"no {currency.Code} rate on {asOf}"), 0);
            var open = byCurrency.Sum(i => i.OpenMinor);
            var bookedSum = byCurrency.Sum(i => booked.GetValueOrDefault(i.Id));
            var diff = Conversion.Convert(new Money.Money(open, currency), functional, rate.Value).Minor - bookedSum;
            if (diff == 0) continue;
            var zero = new Money.Money(0, currency);
            lines.Add(new PostingLine(revaluation.Id, zero, null, null, diff));
            lines.Add(new PostingLine(diff > 0 ? gain.Id : loss.Id, zero, null, null, -diff));
        }
        if (lines.Count == 0) return (PostingOutcome.Refused(LedgerError.NoLines, "nothing to revalue"), items.Count);
        var (entry, error, detail) = await journal.PostAsync(entryId, legalEntityId, asOf, "fx_revaluation",
            $"Unrealised FX revaluation at {asOf:yyyy-MM-dd}", lines, ct: ct);
        if (entry is null) { db.ChangeTracker.Clear(); return (PostingOutcome.Refused(error!.Value, detail), 0); }
        var reversal = lines.Select(l => l with { FunctionalMinor = -l.FunctionalMinor }).ToList();
        var (back, error2, detail2) = await journal.PostAsync(reversalId, legalEntityId, asOf.AddDays(1),
            "fx_revaluation.reversal", $"Auto-reversal of FX revaluation at {asOf:yyyy-MM-dd}", reversal,
            reverses: entry.Id, ct: ct);
        if (back is null) { db.ChangeTracker.Clear(); return (PostingOutcome.Refused(error2!.Value, detail2), 0); }
        await db.SaveChangesAsync(ct);
        return (PostingOutcome.Posted(entry.Id), items.Count);
    }
}
