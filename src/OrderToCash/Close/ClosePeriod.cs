using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Data;
using OrderToCash.LegalEntities;

namespace OrderToCash.Close;

public enum ClosePeriodError { UnknownLegalEntity, AlreadyClosed, NotClosed }

/// <summary>Closes (or reopens) a monthly period: nothing posts into a closed period.</summary>
public sealed class ClosePeriod(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<ClosePeriodError?> ExecuteAsync(string legalEntityId, int year, int month, bool reopen = false,
        CancellationToken ct = default)
    {
        if (!await db.LegalEntities.AnyAsync(e => e.Id == legalEntityId, ct))
            return ClosePeriodError.UnknownLegalEntity;
        var period = await db.FiscalPeriods.FirstOrDefaultAsync(
            p => p.LegalEntityId == legalEntityId && p.Year == year && p.Month == month, ct);
        var status = period?.Status ?? PeriodStatus.Open;
        if (!reopen && status == PeriodStatus.Closed) return ClosePeriodError.AlreadyClosed;
        if (reopen && status == PeriodStatus.Open) return ClosePeriodError.NotClosed;
        if (period is null)
        {
            period = new FiscalPeriod { LegalEntityId = legalEntityId, Year = year, Month = month };
            db.FiscalPeriods.Add(period);
        }
        period.Status = reopen ? PeriodStatus.Open : PeriodStatus.Closed;
        period.ClosedAt = reopen ? null : clock.GetUtcNow();
        period.ClosedBy = reopen ? null : actor;
        new AuditTrail(db, clock, actor).Record(reopen ? "period.reopened" : "period.closed", "fiscal_period",
            $"{legalEntityId}/{year:D4}-{month:D2}", new { Status = status.ToString() },
            new { Status = period.Status.ToString() }, legalEntityId);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
