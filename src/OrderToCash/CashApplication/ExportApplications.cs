using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.Data;

namespace OrderToCash.CashApplication;

/// <summary>
/// applications.csv (PRODUCT.md): one row per (statement entry, invoice) for every imported statement line, in the
/// order the statements were imported and the entries stand in their files. Lines the run has not seen yet show
/// their import status (unidentified; debits and fees ignored).
/// </summary>
public sealed class ExportApplications(O2cDb db)
{
    /// <param name="legalEntityIds">The entities whose lines to export; null: every entity.</param>
    public async Task<IReadOnlyList<ApplicationRow>> ExecuteAsync(CancellationToken ct = default,
        IReadOnlyCollection<string>? legalEntityIds = null)
    {
        var entities = legalEntityIds?.ToList();
        // The columns the file shows, not whole lines (a line's remittance text is most of its row).
        var lines = await (from l in db.StatementLines.AsNoTracking()
                join s in db.BankStatements.AsNoTracking() on l.StatementId equals s.Id
                where entities == null || entities.Contains(l.LegalEntityId)
                orderby s.ImportedAt, s.Position, l.Position, l.BatchTransactionIndex
                select new Line(l.Id, l.BankReference ?? l.KeyReference, l.Position, l.CustomerId, l.AmountMinor,
                    l.Currency, l.Status, l.StatusReason)).ToListAsync(ct);
        var lineIds = entities is null ? null : lines.Select(l => l.Id).ToHashSet();
        var rows = (await db.CashApplicationRows.AsNoTracking().ToListAsync(ct))
            .Where(r => lineIds is null || lineIds.Contains(r.StatementLineId))
            .GroupBy(r => r.StatementLineId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.RowNo).ToList());
        var result = new List<ApplicationRow>();
        foreach (var l in lines)
        {
            var reference = l.Reference;
            if (rows.TryGetValue(l.Id, out var stored))
            {
                result.AddRange(stored.Select(r => new ApplicationRow(reference, l.Position, r.CustomerId,
                    r.InvoiceNumber, r.AppliedMinor, r.Currency, r.Status, r.Confidence, r.Reason)));
                continue;
            }
            var (status, reason) = l.Status switch
            {
                StatementLineStatus.Ignored => ("ignored", l.StatusReason ?? "not a customer payment"),
                StatementLineStatus.Unapplied => ("unapplied", "payer identified; no invoice chosen"),
                _ when l.AmountMinor <= 0 => ("ignored", l.StatusReason ?? "debit"),
                _ => ("unidentified", "not matched yet (run o2c cashapp run)"),
            };
            result.Add(new ApplicationRow(reference, l.Position, l.CustomerId ?? "", "", l.AmountMinor, l.Currency,
                status, 0m, reason));
        }
        return result;
    }

    private sealed record Line(Guid Id, string Reference, int Position, string? CustomerId, long AmountMinor,
        string Currency, StatementLineStatus Status, string? StatusReason);
}
