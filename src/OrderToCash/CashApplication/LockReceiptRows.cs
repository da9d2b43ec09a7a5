using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;

namespace OrderToCash.CashApplication;

/// <summary>
/// Inside the caller's transaction, locks the statement line and the open items a person's decision will move, so two
/// people (or a person and the run) working the same receipt or invoice at once are taken one after the other; the
/// second then sees the first one's balances and is refused if they no longer allow it.
/// </summary>
/// <remarks>
/// PostgreSQL: <c>SELECT ... FOR UPDATE</c> in id order (no deadlock between two lockers). SQLite needs nothing: its
/// transactions begin IMMEDIATE, one writer at a time.
/// </remarks>
internal sealed class LockReceiptRows(O2cDb db)
{
    public async Task ExecuteAsync(Guid lineId, IEnumerable<Guid> openItemIds, CancellationToken ct)
    {
        if (!db.IsPostgres) return;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""SELECT 1 FROM statement_lines WHERE "Id" = {lineId} FOR UPDATE""", ct);
        var ids = openItemIds.Distinct().Order().ToArray();
        if (ids.Length > 0)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""SELECT 1 FROM open_items WHERE "Id" = ANY({ids}) ORDER BY "Id" FOR UPDATE""", ct);
    }
}
