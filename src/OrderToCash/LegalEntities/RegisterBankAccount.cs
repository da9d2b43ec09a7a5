using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.LegalEntities;

/// <summary>Registers a bank account of a legal entity, with its own ledger account (role bank).</summary>
public sealed class RegisterBankAccount(O2cDb db, TimeProvider clock, string actor)
{
    public static string Normalise(string accountNumber) =>
        new(accountNumber.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>Returns the account, existing or new. Saves (once) when it creates one.</summary>
    public async Task<BankAccount> ExecuteAsync(string legalEntityId, string accountNumber, Currency currency,
        string? bic = null, string? name = null, CancellationToken ct = default)
    {
        var number = Normalise(accountNumber);
        var existing = await db.BankAccounts.FirstOrDefaultAsync(
            b => b.AccountNumber == number && b.Currency == currency.Code, ct);
        if (existing is not null) return existing;
        var count = await db.Accounts.CountAsync(
            a => a.LegalEntityId == legalEntityId && a.Role == AccountRole.Bank, ct);
        var bank = new BankAccount
        {
            Id = Guid.CreateVersion7(), LegalEntityId = legalEntityId, AccountNumber = number, Currency = currency.Code,
            Bic = bic, Name = name,
        };
        var ledger = new Account
        {
            LegalEntityId = legalEntityId,
            Code = (1000 + count).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Name = $"Bank {number[^Math.Min(4, number.Length)..]} ({currency.Code})", Role = AccountRole.Bank,
            BankAccountId = bank.Id,
        };
        db.BankAccounts.Add(bank);
        db.Accounts.Add(ledger);
        new AuditTrail(db, clock, actor).Record("bank_account.registered", "bank_account", bank.Id.ToString(), null,
            new { bank.AccountNumber, bank.Currency, bank.Bic, LedgerAccount = ledger.Code }, legalEntityId);
        await db.SaveChangesAsync(ct);
        return bank;
    }
}
