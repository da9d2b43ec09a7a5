using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.Customers;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.CashApplication;

public enum IdentifyReceiptError
{
    UnknownLine, NotUnidentified, UnknownCustomer, CustomerClosed, EntityMismatch, Ledger,
}

/// <param name="EntryId">Client-generated: a retry with the same id finds the line already identified.</param>
/// <param name="Date">Posting date of the reclassification; null = today.</param>
public sealed record IdentifyRequest(Guid EntryId, Guid StatementLineId, string CustomerId, DateOnly? Date = null);

public sealed record IdentifyOutcome(IdentifyReceiptError? Error, string Detail, Guid? EntryId, Guid? ReceiptItemId)
{
    public bool IsPosted => Error is null;
}

/// <summary>
/// Moves an unidentified receipt to the customer it came from: Dr suspense / Cr unapplied cash, opening the
/// receipt open item (numbered by the bank reference) that cash application then applies to invoices.
/// </summary>
public sealed class IdentifyReceipt(O2cDb db, TimeProvider clock, string actor)
{
    private readonly PostingBatch? _batch;

    /// <summary>Posts into a <see cref="PostingBatch"/>: reads what it loaded, never saves.</summary>
    internal IdentifyReceipt(O2cDb db, TimeProvider clock, string actor, PostingBatch batch) : this(db, clock, actor) =>
        _batch = batch;

    public async Task<IdentifyOutcome> ExecuteAsync(IdentifyRequest r, CancellationToken ct = default)
    {
        // Find: the line the caller already tracks, without a query.
        var line = await db.StatementLines.FindAsync([r.StatementLineId], ct);
        if (line is null) return Refused(IdentifyReceiptError.UnknownLine, $"no statement line {r.StatementLineId}");
        // A suggested line still in suspense (no receipt item yet) is identified when a person accepts it.
        var inSuspense = line.Status == StatementLineStatus.Unidentified
                         || (line.Status == StatementLineStatus.Suggested && line.ReceiptOpenItemId is null);
        if (!inSuspense || line.JournalEntryId is null || line.AmountMinor <= 0)
        {
            // A retry of the same request is not an error: it returns what the first one did.
            if (line.CustomerId == r.CustomerId && line.ReceiptOpenItemId is not null
                && await db.JournalEntries.AnyAsync(e => e.Id == r.EntryId, ct))
                return new IdentifyOutcome(null, "already identified", r.EntryId, line.ReceiptOpenItemId);
            return Refused(IdentifyReceiptError.NotUnidentified,
                $"line {line.BankReference ?? line.KeyReference} is {line.Status}, not an unidentified receipt");
        }
        var customer = _batch is not null ? _batch.Customers.GetValueOrDefault(r.CustomerId)
            : await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == r.CustomerId, ct);
        if (customer is null) return Refused(IdentifyReceiptError.UnknownCustomer, $"unknown customer {r.CustomerId}");
        if (customer.Status == CustomerStatus.Closed)
            return Refused(IdentifyReceiptError.CustomerClosed, $"customer {customer.Id} is closed");
        if (customer.LegalEntityId != line.LegalEntityId)
            return Refused(IdentifyReceiptError.EntityMismatch,
                $"customer {customer.Id} belongs to {customer.LegalEntityId}, the receipt to {line.LegalEntityId}");

        var journal = _batch?.Journal ?? new Journal(db, clock, actor);
        var date = r.Date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var amount = new Money.Money(line.AmountMinor, Currency.Of(line.Currency));
        var suspense = await journal.AccountAsync(line.LegalEntityId, AccountRole.Suspense, ct);
        var unapplied = await journal.AccountAsync(line.LegalEntityId, AccountRole.UnappliedCash, ct);
        var reference = line.BankReference ?? line.KeyReference;
        var item = await RecordReceipt.NewReceiptItemAsync(db, line.LegalEntityId, customer.Id, reference,
            line.BookingDate, amount, unapplied.Id, clock.GetUtcNow(), ct, _batch?.ReceiptNumbers);
        PostingLine[] lines =
            [new(suspense.Id, amount, customer.Id), new(unapplied.Id, -amount, customer.Id, item.Id)];
        var (entry, error, detail) = await journal.PostAsync(r.EntryId, line.LegalEntityId, date, "receipt_identified",
            $"Receipt {reference} identified as {customer.Id}", lines, reference,
            isFreshId: _batch?.IsNew(r.EntryId) ?? false, ct: ct);
        if (entry is null)
        {
            if (_batch is null) db.ChangeTracker.Clear();
            else
            {
                db.Entry(item).State = EntityState.Detached;
                _batch.ReceiptNumbers.Remove((item.LegalEntityId, item.Number));
            }
            return Refused(IdentifyReceiptError.Ledger, $"{error}: {detail}");
        }
        // From here on, identifying must succeed.
        line.Status = StatementLineStatus.Unapplied;
        line.StatusReason = null;
        line.CustomerId = customer.Id;
        line.ReceiptOpenItemId = item.Id;
        if (_batch is null) await db.SaveChangesAsync(ct);
        else _batch.Record(entry);
        return new IdentifyOutcome(null, "", entry.Id, item.Id);
    }

    private static IdentifyOutcome Refused(IdentifyReceiptError error, string detail) => new(error, detail, null, null);
}
