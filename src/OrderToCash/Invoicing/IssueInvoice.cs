using Microsoft.EntityFrameworkCore;
using OrderToCash.Customers;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.Invoicing;

public sealed record InvoiceRequest(Guid EntryId, string CustomerId, string Number, string? PoNumber,
    DateOnly InvoiceDate, DateOnly DueDate, Money.Money Net, Money.Money Tax, decimal? DiscountPercent = null,
    DateOnly? DiscountDueDate = null);

/// <summary>Issues an invoice: an open item, and Dr AR gross / Cr revenue net / Cr tax payable.</summary>
public sealed class IssueInvoice(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<PostingOutcome> ExecuteAsync(InvoiceRequest r, CancellationToken ct = default)
    {
        if (await db.JournalEntries.AnyAsync(e => e.Id == r.EntryId, ct))
            return PostingOutcome.Refused(LedgerError.AlreadyPosted, $"entry {r.EntryId} is already posted");
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == r.CustomerId, ct);
        if (customer is null)
            return PostingOutcome.Refused(LedgerError.UnknownCustomer, $"unknown customer {r.CustomerId}");
        if (customer.Status == CustomerStatus.Closed)
            return PostingOutcome.Refused(LedgerError.CustomerClosed, $"customer {r.CustomerId} is closed");
        if (r.Net.Currency != r.Tax.Currency || r.Net.Minor <= 0 || r.Tax.Minor < 0)
            return PostingOutcome.Refused(LedgerError.InvalidAmount,
                "net must be positive, tax not negative, one currency");
        if (await db.OpenItems.AnyAsync(o => o.LegalEntityId == customer.LegalEntityId && o.Number == r.Number
                && (o.Kind == OpenItemKind.Invoice || o.Kind == OpenItemKind.CreditMemo), ct))
            return PostingOutcome.Refused(LedgerError.DuplicateInvoiceNumber,
                $"invoice number {r.Number} is already used in {customer.LegalEntityId}");
        var journal = new Journal(db, clock, actor);
        var ar = await journal.AccountAsync(customer.LegalEntityId, AccountRole.ArControl, ct);
        var revenue = await journal.AccountAsync(customer.LegalEntityId, AccountRole.Revenue, ct);
        var tax = await journal.AccountAsync(customer.LegalEntityId, AccountRole.TaxPayable, ct);
        var gross = r.Net + r.Tax;
        var item = new OpenItem
        {
            Id = Guid.CreateVersion7(), LegalEntityId = customer.LegalEntityId, CustomerId = customer.Id,
            Kind = OpenItemKind.Invoice, Number = r.Number, NumberKey = DocumentNumbers.Key(r.Number),
            PoNumber = r.PoNumber, DocumentDate = r.InvoiceDate, DueDate = r.DueDate, Currency = gross.Currency.Code,
            OriginalMinor = gross.Minor, DiscountPercent = r.DiscountPercent, DiscountDueDate = r.DiscountDueDate,
            AccountId = ar.Id, CreatedAt = clock.GetUtcNow(),
        };
        db.OpenItems.Add(item);
        var lines = new List<PostingLine>
        {
            new(ar.Id, gross, customer.Id, item.Id),
            new(revenue.Id, -r.Net, customer.Id),
        };
        if (!r.Tax.IsZero) lines.Add(new(tax.Id, -r.Tax, customer.Id));
        var (entry, error, detail) = await journal.PostAsync(r.EntryId, customer.LegalEntityId, r.InvoiceDate,
            "invoice", $"Invoice {r.Number} to {customer.Name}", lines, r.Number, ct: ct);
        if (entry is null) { db.ChangeTracker.Clear(); return PostingOutcome.Refused(error!.Value, detail); }
        await db.SaveChangesAsync(ct);
        return PostingOutcome.Posted(entry.Id);
    }
}
