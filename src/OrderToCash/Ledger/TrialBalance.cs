using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;

namespace OrderToCash.Ledger;

public sealed record TrialBalanceRow(string LegalEntity, string AccountCode, string AccountName, AccountRole Role,
    string Currency, long DebitMinor, long CreditMinor, long BalanceMinor, long FunctionalBalanceMinor,
    string FunctionalCurrency);

/// <summary>Balances per legal entity, account and transaction currency, as of a date.</summary>
public sealed class TrialBalance(O2cDb db)
{
    public async Task<IReadOnlyList<TrialBalanceRow>> ExecuteAsync(DateOnly? asOf, CancellationToken ct = default)
    {
        var lines = db.JournalLines.AsNoTracking().Join(db.JournalEntries, l => l.EntryId, e => e.Id,
            (l, e) => new { l.AccountId, l.Currency, l.AmountMinor, l.FunctionalMinor, e.PostingDate });
        if (asOf is { } date) lines = lines.Where(x => x.PostingDate <= date);
        var sums = await lines.GroupBy(x => new { x.AccountId, x.Currency }).Select(g => new
        {
            g.Key.AccountId, g.Key.Currency,
            Debit = g.Sum(x => x.AmountMinor > 0 ? x.AmountMinor : 0),
            Credit = g.Sum(x => x.AmountMinor < 0 ? -x.AmountMinor : 0),
            Functional = g.Sum(x => x.FunctionalMinor),
        }).ToListAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        var functional = await db.LegalEntities.AsNoTracking()
            .ToDictionaryAsync(e => e.Id, e => e.FunctionalCurrency, ct);
        return sums.Select(s =>
            {
                var a = accounts[s.AccountId];
                return new TrialBalanceRow(a.LegalEntityId, a.Code, a.Name, a.Role, s.Currency, s.Debit, s.Credit,
                    s.Debit - s.Credit, s.Functional, functional[a.LegalEntityId]);
            })
            .OrderBy(r => r.LegalEntity).ThenBy(r => r.AccountCode).ThenBy(r => r.Currency).ToList();
    }
}
