using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.Ledger;

namespace OrderToCash.Invoicing;

public sealed record CreditMemoRequest(Guid EntryId, string CustomerId, string Number, DateOnly Date,
    Money.Money Net, Money.Money Tax, string? AgainstInvoice, string Reason);

/// <summary>
/// Issues a credit memo: Dr sales returns net, Dr tax payable / Cr AR. Against an invoice, the memo is applied to
/// it in the same entry (Dr AR memo / Cr AR invoice), so the invoice's open amount drops and the memo is closed.
/// </summary>
public sealed class IssueCreditMemo(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<PostingOutcome> ExecuteAsync(CreditMemoRequest r, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == r.CustomerId, ct);
        if (customer is null)
            return PostingOutcome.Refused(LedgerError.UnknownCustomer, $"unknown customer {r.CustomerId}");
        if (r.Net.Currency != r.Tax.Currency || r.Net.Minor <= 0 || r.Tax.Minor < 0)
            return PostingOutcome.Refused(LedgerError.InvalidAmount,
                "net must be positive, tax not negative, one currency");
        if (await db.OpenItems.AnyAsync(o => o.LegalEntityId == customer.LegalEntityId && o.Number == r.Number
                && (o.Kind == OpenItemKind.Invoice || o.Kind == OpenItemKind.CreditMemo), ct))
            return PostingOutcome.Refused(LedgerError.DuplicateInvoiceNumber,
                $"document number {r.Number} is already used");
        OpenItem? invoice = null;
        if (r.AgainstInvoice is not null)
        {
            invoice = await db.OpenItems.FirstOrDefaultAsync(o => o.LegalEntityId == customer.LegalEntityId
                && o.Number == r.AgainstInvoice && o.Kind == OpenItemKind.Invoice, ct);
            if (invoice is null || invoice.CustomerId != customer.Id)
                return PostingOutcome.Refused(LedgerError.UnknownOpenItem,
                    $"invoice {r.AgainstInvoice} of {customer.Id} not found");
            if (invoice.Currency != r.Net.Currency.Code)
                return PostingOutcome.Refused(LedgerError.CurrencyMismatch,
                    $"invoice {invoice.Number} is in {invoice.Currency}");
        }
        var journal = new Journal(db, clock, actor);
        var ar = await journal.AccountAsync(customer.LegalEntityId, AccountRole.ArControl, ct);
        var returns = await journal.AccountAsync(customer.LegalEntityId, AccountRole.SalesReturns, ct);
        var tax = await journal.AccountAsync(customer.LegalEntityId, AccountRole.TaxPayable, ct);
        var gross = r.Net + r.Tax;
        var memo = new OpenItem
        {
            Id = Guid.CreateVersion7(), LegalEntityId = customer.LegalEntityId, CustomerId = customer.Id,
            Kind = OpenItemKind.CreditMemo, Number = r.Number, NumberKey = DocumentNumbers.Key(r.Number),
            DocumentDate = r.Date, DueDate = r.Date, Currency = gross.Currency.Code, OriginalMinor = -gross.Minor,
            AccountId = ar.Id, CreatedAt = clock.GetUtcNow(),
        };
        db.OpenItems.Add(memo);
        var lines = new List<PostingLine> { new(returns.Id, r.Net, customer.Id) };
        if (!r.Tax.IsZero) lines.Add(new(tax.Id, r.Tax, customer.Id));
        lines.Add(new(ar.Id, -gross, customer.Id, memo.Id));
        if (invoice is not null)
        {
            lines.Add(new(ar.Id, gross, customer.Id, memo.Id));
            lines.Add(new(ar.Id, -gross, customer.Id, invoice.Id));
        }
        var (entry, error, detail) = await journal.PostAsync(r.EntryId, customer.LegalEntityId, r.Date, "credit_memo",
            $"Credit memo {r.Number}: {r.Reason}", lines, r.Number, ct: ct);
        if (entry is null) { db.ChangeTracker.Clear(); return PostingOutcome.Refused(error!.Value, detail); }
        await db.SaveChangesAsync(ct);
        return PostingOutcome.Posted(entry.Id);
    }
}
