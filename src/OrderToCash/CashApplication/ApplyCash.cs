using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.CashApplication;

/// <summary>
/// One invoice settled by a receipt: cash applied, cash discount granted, small difference written off, and a short
/// payment moved to a deduction (its own open item on deductions receivable, with a reason code, for a dispute).
/// </summary>
public sealed record Settlement(Guid OpenItemId, long AppliedMinor, long DiscountMinor = 0, long WriteOffMinor = 0,
    long DeductionMinor = 0, string? ReasonCode = null)
{
    public long SettledMinor => checked(AppliedMinor + DiscountMinor + WriteOffMinor + DeductionMinor);
}

/// <param name="ReceiptMinor">
/// For a receipt in another currency than its invoices: how much of the receipt (in its own currency) pays them.
/// The two currencies meet on the exchange clearing account; null when receipt and invoices share a currency.
/// </param>
public sealed record ApplyRequest(Guid EntryId, Guid ReceiptItemId, DateOnly Date,
    IReadOnlyList<Settlement> Allocations, string Memo = "Cash application", long? ReceiptMinor = null);

/// <summary>
/// Applies a receipt's unapplied cash to invoices: Dr unapplied cash / Cr AR per invoice, Dr sales discounts and
/// Dr write-off for what is settled without cash. In a foreign currency the items leave at their booked functional
/// value and the realised difference goes to FX gain or loss. A receipt in another currency than its invoices
/// (<see cref="ApplyRequest.ReceiptMinor"/>) is exchanged on the exchange clearing account, which nets to zero in
/// each currency.
/// </summary>
public sealed class ApplyCash(O2cDb db, TimeProvider clock, string actor)
{
    private readonly PostingBatch? _batch;
    private readonly List<OpenItem> _added = [];

    /// <summary>Posts into a <see cref="PostingBatch"/>: reads what it loaded, never saves.</summary>
    internal ApplyCash(O2cDb db, TimeProvider clock, string actor, PostingBatch batch) : this(db, clock, actor) =>
        _batch = batch;

    public async Task<PostingOutcome> ExecuteAsync(ApplyRequest r, CancellationToken ct = default)
    {
        var isRetry = _batch is not null ? !_batch.IsNew(r.EntryId)
            : await db.JournalEntries.AnyAsync(e => e.Id == r.EntryId, ct);
        if (isRetry)
            return PostingOutcome.Refused(LedgerError.AlreadyPosted, $"entry {r.EntryId} is already posted");
        // Find: an item the caller already tracks (a batch loads them in bulk) is not queried again.
        var receipt = await db.OpenItems.FindAsync([r.ReceiptItemId], ct);
        if (receipt is null || receipt.Kind != OpenItemKind.Receipt)
            return PostingOutcome.Refused(LedgerError.UnknownOpenItem, $"no receipt {r.ReceiptItemId}");
        if (r.Allocations.Count == 0 || r.Allocations.Any(a => a.AppliedMinor < 0 || a.DiscountMinor < 0
                || a.WriteOffMinor < 0 || a.DeductionMinor < 0 || a.SettledMinor == 0))
            return PostingOutcome.Refused(LedgerError.InvalidAmount, "each allocation settles a positive amount");
        var ids = r.Allocations.Select(a => a.OpenItemId).ToList();
        if (ids.Distinct().Count() != ids.Count)
            return PostingOutcome.Refused(LedgerError.InvalidAmount, "an invoice appears twice");
        var items = await ItemsAsync(ids, ct);
        var receiptCurrency = Currency.Of(receipt.Currency);
        var currency = r.ReceiptMinor is null ? receiptCurrency
            : Currency.Of(items.Values.Select(i => i.Currency).FirstOrDefault() ?? receipt.Currency);
        foreach (var a in r.Allocations)
        {
            if (!items.TryGetValue(a.OpenItemId, out var item) || item.Kind == OpenItemKind.Receipt)
                return PostingOutcome.Refused(LedgerError.UnknownOpenItem, $"no invoice {a.OpenItemId}");
            if (item.LegalEntityId != receipt.LegalEntityId)
                return PostingOutcome.Refused(LedgerError.EntityMismatch,
                    $"{item.Number} belongs to {item.LegalEntityId}");
            if (item.Currency != currency.Code)
                return PostingOutcome.Refused(LedgerError.CurrencyMismatch, $"{item.Number} is in {item.Currency}");
        }
        var applied = r.Allocations.Sum(a => a.AppliedMinor);
        var consumed = r.ReceiptMinor ?? applied;
        if (consumed < 0 || consumed > -receipt.OpenMinor || (r.ReceiptMinor is not null && consumed == 0))
            return PostingOutcome.Refused(LedgerError.OverApplied,
                $"applying {Amounts.Format(consumed, receiptCurrency)} exceeds the receipt's unapplied " +
                $"{Amounts.Format(-receipt.OpenMinor, receiptCurrency)}");

        var journal = _batch?.Journal ?? new Journal(db, clock, actor);
        var entity = (await journal.EntityAsync(receipt.LegalEntityId, ct))!;
        var functional = Currency.Of(entity.FunctionalCurrency);
        var rate = await journal.RateAsync(currency, functional, r.Date, ct);
        if (rate is null)
            return PostingOutcome.Refused(LedgerError.NoExchangeRate,
                $"no {currency.Code}/{functional.Code} rate on {r.Date}");
        var booked = await BookedFunctionalAsync([receipt.Id, .. ids], ct);
        var lines = new List<PostingLine>();
        long functionalSum = 0;
        PostingLine Line(int account, long minor, string? customer, Guid? itemId, long functionalMinor,
            Currency? inCurrency = null)
        {
            functionalSum = checked(functionalSum + functionalMinor);
            return new PostingLine(account, new Money.Money(minor, inCurrency ?? currency), customer, itemId,
                functionalMinor);
        }
        var receiptShare = Share(receipt, booked, consumed);
        lines.Add(Line(receipt.AccountId, consumed, receipt.CustomerId, receipt.Id, receiptShare, receiptCurrency));
        if (r.ReceiptMinor is not null)
        {
            // The receipt's currency is exchanged into the invoices' on the clearing account, at the receipt's
            // booked value; the invoices then leave at theirs and the difference is realised FX below.
            var clearing = await journal.AccountAsync(receipt.LegalEntityId, AccountRole.ExchangeClearing, ct);
            lines.Add(Line(clearing.Id, -consumed, receipt.CustomerId, null, -receiptShare, receiptCurrency));
            lines.Add(Line(clearing.Id, applied, receipt.CustomerId, null, receiptShare));
        }
        var discounts = await journal.AccountAsync(receipt.LegalEntityId, AccountRole.SalesDiscounts, ct);
        var writeOffs = await journal.AccountAsync(receipt.LegalEntityId, AccountRole.WriteOff, ct);
        foreach (var a in r.Allocations)
        {
            var item = items[a.OpenItemId];
            var settled = a.SettledMinor;
            lines.Add(Line(item.AccountId, -settled, item.CustomerId, item.Id, -Share(item, booked, settled)));
            if (a.DiscountMinor > 0)
                lines.Add(Line(discounts.Id, a.DiscountMinor, item.CustomerId, null,
                    Conversion.Convert(new Money.Money(a.DiscountMinor, currency), functional, rate.Value).Minor));
            if (a.WriteOffMinor > 0)
                lines.Add(Line(writeOffs.Id, a.WriteOffMinor, item.CustomerId, null,
                    Conversion.Convert(new Money.Money(a.WriteOffMinor, currency), functional, rate.Value).Minor));
            if (a.DeductionMinor > 0)
            {
                var deduction = await NewDeductionAsync(journal, item, a, r.Date, ct);
                lines.Add(Line(deduction.AccountId, a.DeductionMinor, item.CustomerId, deduction.Id,
                    Conversion.Convert(new Money.Money(a.DeductionMinor, currency), functional, rate.Value).Minor));
            }
        }
        if (functionalSum != 0)
        {
            // Realised FX: the items left at their booked values; the difference is a gain (credit) or a loss.
            var fx = await journal.AccountAsync(receipt.LegalEntityId,
                functionalSum > 0 ? AccountRole.FxGain : AccountRole.FxLoss, ct);
            lines.Add(new PostingLine(fx.Id, new Money.Money(0, currency), receipt.CustomerId, null, -functionalSum));
        }
        var (entry, error, detail) = await journal.PostAsync(r.EntryId, receipt.LegalEntityId, r.Date, "application",
            r.Memo, lines, receipt.Number, isFreshId: _batch is not null, ct: ct);
        if (entry is null)
        {
            if (_batch is null) db.ChangeTracker.Clear();
            foreach (var added in _added)
            {
                db.Entry(added).State = EntityState.Detached;
                _batch?.DeductionNumbers.Remove((added.LegalEntityId, added.Number));
            }
            return PostingOutcome.Refused(error!.Value, detail);
        }
        if (_batch is not null)
        {
            _batch.Record(entry);
            return PostingOutcome.Posted(entry.Id);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return PostingOutcome.Refused(LedgerError.ChangedMeanwhile,
                "an item it settles was changed by another posting meanwhile; nothing was posted, try again");
        }
        return PostingOutcome.Posted(entry.Id);
    }

    /// <summary>The deduction's own open item (number: the invoice's + "-DED", "-DED2", ...).</summary>
    private async Task<OpenItem> NewDeductionAsync(Journal journal, OpenItem invoice, Settlement a, DateOnly date,
        CancellationToken ct)
    {
        var account = await journal.AccountAsync(invoice.LegalEntityId, AccountRole.DeductionsReceivable, ct);
        var number = invoice.Number + "-DED";
        for (var n = 2; _batch?.DeductionNumbers.Contains((invoice.LegalEntityId, number)) == true
                 || await db.OpenItems.AnyAsync(o => o.LegalEntityId == invoice.LegalEntityId
                     && o.Kind == OpenItemKind.Deduction && o.Number == number, ct); n++)
            number = $"{invoice.Number}-DED{n}";
        _batch?.DeductionNumbers.Add((invoice.LegalEntityId, number));
        var item = new OpenItem
        {
            Id = Guid.CreateVersion7(), LegalEntityId = invoice.LegalEntityId, CustomerId = invoice.CustomerId,
            Kind = OpenItemKind.Deduction, Number = number, NumberKey = DocumentNumbers.Key(number),
            ReasonCode = a.ReasonCode ?? "SHORT_PAY", DocumentDate = date, DueDate = date, Currency = invoice.Currency,
            OriginalMinor = a.DeductionMinor, AccountId = account.Id, CreatedAt = clock.GetUtcNow(),
        };
        db.OpenItems.Add(item);
        _added.Add(item);
        return item;
    }

    private async Task<Dictionary<Guid, OpenItem>> ItemsAsync(List<Guid> ids, CancellationToken ct)
    {
        if (_batch is null) return await db.OpenItems.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var items = new Dictionary<Guid, OpenItem>();
        foreach (var id in ids)
            if (await db.OpenItems.FindAsync([id], ct) is { } item) items[id] = item;
        return items;
    }

    private async Task<IReadOnlyDictionary<Guid, long>> BookedFunctionalAsync(List<Guid> ids, CancellationToken ct)
    {
        if (_batch is null) return await SumLinesAsync(db, ids, ct);
        // The batch keeps committed plus added lines; an item it has not seen yet has only committed ones.
        var missing = ids.Where(id => !_batch.Booked.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            var sums = await SumLinesAsync(db, missing, ct);
            foreach (var id in missing) _batch.Booked[id] = sums.GetValueOrDefault(id);
        }
        return _batch.Booked;
    }

    /// <summary>Σ functional amount of the committed lines of each item (items without lines are absent).</summary>
    internal static async Task<Dictionary<Guid, long>> SumLinesAsync(O2cDb db, IReadOnlyCollection<Guid> ids,
        CancellationToken ct) =>
        await db.JournalLines.Where(l => l.OpenItemId != null && ids.Contains(l.OpenItemId.Value))
            .GroupBy(l => l.OpenItemId!.Value)
            .Select(g => new { g.Key, Sum = g.Sum(l => l.FunctionalMinor) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, ct);

    /// <summary>The booked functional value of <paramref name="minor"/> of an item's open amount (sign of the
    /// item).</summary>
    private static long Share(OpenItem item, IReadOnlyDictionary<Guid, long> booked, long minor)
    {
        var functionalOpen = booked.GetValueOrDefault(item.Id);
        if (item.OpenMinor == 0) return 0;
        if (Math.Abs(minor) == Math.Abs(item.OpenMinor)) return Math.Abs(functionalOpen);
        return Math.Abs(decimal.ToInt64(Math.Round(functionalOpen * (decimal)minor / item.OpenMinor, 0,
            Conversion.Rounding)));
    }
}
