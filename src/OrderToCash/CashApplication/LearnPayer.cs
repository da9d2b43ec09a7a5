using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Customers;
using OrderToCash.Data;
using OrderToCash.LegalEntities;

namespace OrderToCash.CashApplication;

public enum LearnPayerOutcome { Learned, AlreadyKnown, UnknownCustomer, InvalidAccount }

/// <summary>
/// Remembers that a payer account (or a payer name) belongs to a customer, once a person confirmed it on a receipt
/// (<see cref="CustomerBankAccount.IsLearned"/>; a name becomes an alias), so the matcher identifies that payer
/// next time.
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

    /// <summary>Remembers a payer name as an alias of the customer, unless it already reads as one of its
    /// names.</summary>
    public async Task<LearnPayerOutcome> LearnNameAsync(string customerId, string payerName,
        CancellationToken ct = default)
    {
        var key = Names.Key(payerName);
        if (key.Length == 0 || payerName.Trim().Length > 140) return LearnPayerOutcome.InvalidAccount;
        var customer = await db.Customers.AsNoTracking().Include(c => c.Aliases)
            .FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return LearnPayerOutcome.UnknownCustomer;
        if (Names.Key(customer.Name) == key || customer.Aliases.Any(a => Names.Key(a.Alias) == key))
            return LearnPayerOutcome.AlreadyKnown;
        db.CustomerAliases.Add(new CustomerAlias { CustomerId = customerId, Alias = payerName.Trim() });
        new AuditTrail(db, clock, actor).Record("customer.payer_name_learned", "customer", customerId, null,
            new { Alias = payerName.Trim() }, customer.LegalEntityId);
        await db.SaveChangesAsync(ct);
        return LearnPayerOutcome.Learned;
    }
}
