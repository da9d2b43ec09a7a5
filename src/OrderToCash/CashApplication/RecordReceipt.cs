using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.Ledger;

namespace OrderToCash.CashApplication;

/// <param name="BankLedgerAccountId">The bank's ledger account; null for the entity's main bank account.</param>
public sealed record ReceiptRequest(Guid EntryId, string LegalEntityId, string? CustomerId, string Reference,
    DateOnly Date, Money.Money Amount, int? BankLedgerAccountId = null);

/// <summary>
/// Recognises cash from the bank: Dr bank / Cr unapplied cash (a receipt open item of the customer), or
/// Cr suspense when the payer is not known yet.
/// </summary>
public sealed class RecordReceipt(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<(PostingOutcome Outcome, Guid? ReceiptItemId)> ExecuteAsync(ReceiptRequest r,
        CancellationToken ct = default)
    {
        if (r.Amount.Minor <= 0)
            return (PostingOutcome.Refused(LedgerError.InvalidAmount, "a receipt is positive"), null);
        if (await db.JournalEntries.AnyAsync(e => e.Id == r.EntryId, ct))
            return (PostingOutcome.Refused(LedgerError.AlreadyPosted, $"entry {r.EntryId} is already posted"), null);
        var journal = new Journal(db, clock, actor);
        if (await journal.EntityAsync(r.LegalEntityId, ct) is null)
            return (PostingOutcome.Refused(LedgerError.UnknownLegalEntity,
                $"unknown legal entity {r.LegalEntityId}"), null);
        var bank = r.BankLedgerAccountId ?? (await journal.AccountAsync(r.LegalEntityId, AccountRole.Bank, ct)).Id;
        OpenItem? item = null;
        int credit;
        if (r.CustomerId is not null)
        {
            var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == r.CustomerId, ct);
            if (customer is null || customer.LegalEntityId != r.LegalEntityId)
                return (PostingOutcome.Refused(LedgerError.UnknownCustomer, $"unknown customer {r.CustomerId}"), null);
            var unapplied = await journal.AccountAsync(r.LegalEntityId, AccountRole.UnappliedCash, ct);
            credit = unapplied.Id;
            item = await NewReceiptItemAsync(db, r.LegalEntityId, customer.Id, r.Reference, r.Date, r.Amount,
                unapplied.Id, clock.GetUtcNow(), ct);
        }
        else credit = (await journal.AccountAsync(r.LegalEntityId, AccountRole.Suspense, ct)).Id;
        var (entry, error, detail) = await journal.PostAsync(r.EntryId, r.LegalEntityId, r.Date, "receipt",
            $"Receipt {r.Reference}",
            [new(bank, r.Amount, r.CustomerId), new(credit, -r.Amount, r.CustomerId, item?.Id)], r.Reference, ct: ct);
        if (entry is null) { db.ChangeTracker.Clear(); return (PostingOutcome.Refused(error!.Value, detail), null); }
        await db.SaveChangesAsync(ct);
        return (PostingOutcome.Posted(entry.Id), item?.Id);
    }

    /// <summary>
    /// Adds the receipt open item of a customer's cash (unapplied cash, −amount) to the unit of work, numbered by
    /// the bank reference ("REF", then "REF#2", ... when a receipt of the entity already has that number).
    /// </summary>
    /// <param name="taken">In a <see cref="PostingBatch"/>: the numbers known taken (the caller looked up the plain
    /// references on file and adds each number it uses), instead of scanning the change tracker.</param>
    internal static async Task<OpenItem> NewReceiptItemAsync(O2cDb db, string legalEntityId, string customerId,
        string reference, DateOnly date, Money.Money amount, int unappliedAccountId, DateTimeOffset at,
        CancellationToken ct, HashSet<(string, string)>? taken = null)
    {
        var number = reference;
        if (taken is not null)
        {
            // The plain reference was looked up in bulk; "#n" variants are rare and asked for one by one.
            for (var n = 2; taken.Contains((legalEntityId, number)) || (n > 2 && await db.OpenItems.AnyAsync(o =>
                     o.LegalEntityId == legalEntityId && o.Kind == OpenItemKind.Receipt && o.Number == number, ct));
                 n++)
                number = $"{reference}#{n}";
            taken.Add((legalEntityId, number));
        }
        else
            for (var n = 2; db.OpenItems.Local.Any(o => o.LegalEntityId == legalEntityId
                     && o.Kind == OpenItemKind.Receipt && o.Number == number) || await db.OpenItems.AnyAsync(o =>
                     o.LegalEntityId == legalEntityId && o.Kind == OpenItemKind.Receipt && o.Number == number, ct);
                 n++)
                number = $"{reference}#{n}";
        var item = new OpenItem
        {
            Id = Guid.CreateVersion7(), LegalEntityId = legalEntityId, CustomerId = customerId,
            Kind = OpenItemKind.Receipt, Number = number, NumberKey = DocumentNumbers.Key(number),
            DocumentDate = date, DueDate = date, Currency = amount.Currency.Code,
            OriginalMinor = -amount.Minor, AccountId = unappliedAccountId, CreatedAt = at,
        };
        db.OpenItems.Add(item);
        return item;
    }
}
