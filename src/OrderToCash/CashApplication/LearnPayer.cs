using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Customers;
using OrderToCash.Data;
using OrderToCash.LegalEntities;

namespace OrderToCash.CashApplication;

public enum LearnPayerOutcome { Learned, AlreadyKnown, UnknownCustomer, InvalidAccount }

/// <summary>
/// Remembers that a payer account belongs to a customer, once a person confirmed it on a receipt
/// (<see cref="CustomerBankAccount.IsLearned"/>), so the matcher identifies that payer next time.
/// </summary>
public sealed class LearnPayer(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<LearnPayerOutcome> ExecuteAsync(string customerId, string payerAccount,
        CancellationToken ct = default)
    {
        var number = RegisterBankAccount.Normalise(payerAccount);
        if (number.Length is < 4 or > 70) return LearnPayerOutcome.InvalidAccount;
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return LearnPayerOutcome.UnknownCustomer;
        if (await db.CustomerBankAccounts.AnyAsync(a => a.CustomerId == customerId && a.AccountNumber == number, ct))
            return LearnPayerOutcome.AlreadyKnown;
        db.CustomerBankAccounts.Add(new CustomerBankAccount
        {
            CustomerId = customerId, AccountNumber = number, IsLearned = true,
        });
        new AuditTrail(db, clock, actor).Record("customer.payer_learned", "customer", customerId, null,
            new { AccountNumber = number }, customer.LegalEntityId);
        await db.SaveChangesAsync(ct);
        return LearnPayerOutcome.Learned;
    }
}
