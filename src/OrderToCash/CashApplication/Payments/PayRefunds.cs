using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.CashApplication.Payments;

public enum PayRefundsError { UnknownBankAccount, UnsupportedCurrency, AchOriginRequired, NothingToPay, Ledger }

/// <param name="Ach">Required for a USD account: the NACHA file's origin (ODFI, company id).</param>
public sealed record PayRefundsRequest(Guid BankAccountId, DateOnly ExecutionDate, string MessageId,
    AchOrigin? Ach = null, string SecCode = "PPD");

public sealed record RefundPayment(Guid RefundEntryId, string CustomerId, long AmountMinor, string EndToEndId,
    Guid PaymentEntryId);

/// <param name="Format">"pain.001.001.03" (EUR, SEPA) or "nacha" (USD, ACH).</param>
/// <param name="Skipped">Refunds not paid, each with the reason (no usable customer bank account).</param>
public sealed record PayRefundsResult(PayRefundsError? Error, string Detail, string? Format, string? File,
    IReadOnlyList<RefundPayment> Paid, IReadOnlyList<string> Skipped);

/// <summary>
/// Pays out refunds payable (posted by <see cref="RefundCredit"/>) from one bank account: writes the payment file
/// (SEPA pain.001 for EUR, NACHA for USD) and posts Dr refunds payable / Cr bank per refund, as the file is released
/// to the bank. Each payment's end-to-end id ("RF" + the refund entry) comes back on the bank statement, where the
/// import links the debit to this entry, so the bank reconciliation ties out. A refund is paid once: its end-to-end
/// id is the payment entry's source.
/// </summary>
public sealed class PayRefunds(O2cDb db, TimeProvider clock, string actor)
{
    /// <summary>Refunds per file; more wait for the next run and are reported as skipped.</summary>
    public const int MaxPerFile = 10_000;

    public static string EndToEndId(Guid refundEntryId) => "RF" + refundEntryId.ToString("N")[..13].ToUpperInvariant();

    public async Task<PayRefundsResult> ExecuteAsync(PayRefundsRequest r, CancellationToken ct = default)
    {
        var bank = await db.BankAccounts.AsNoTracking().FirstOrDefaultAsync(b => b.Id == r.BankAccountId, ct);
        if (bank is null) return Refused(PayRefundsError.UnknownBankAccount, $"no bank account {r.BankAccountId}");
        var currency = Currency.Of(bank.Currency);
        if (currency != Currency.EUR && currency != Currency.USD)
            return Refused(PayRefundsError.UnsupportedCurrency, $"no payment file format for {currency.Code}");
        if (currency == Currency.USD && r.Ach is null)
            return Refused(PayRefundsError.AchOriginRequired, "a USD account pays by NACHA: give the ACH origin");
        var ledger = await db.Accounts.AsNoTracking().FirstAsync(a => a.BankAccountId == bank.Id, ct);
        var journal = new Journal(db, clock, actor);
        var payable = await journal.AccountAsync(bank.LegalEntityId, AccountRole.RefundsPayable, ct);
        var refunds = await db.JournalLines.AsNoTracking()
            .Where(l => l.AccountId == payable.Id && l.AmountMinor < 0 && l.Currency == currency.Code)
            .Join(db.JournalEntries.Where(e => e.Kind == "refund"), l => l.EntryId, e => e.Id,
                (l, e) => new { e.Id, l.CustomerId, l.AmountMinor, e.Source, e.CreatedAt })
            .OrderBy(x => x.CreatedAt).ToListAsync(ct);
        var paid = (await db.JournalEntries.AsNoTracking()
            .Where(e => e.LegalEntityId == bank.LegalEntityId && e.Kind == "refund_payment" && e.Source != null)
            .Select(e => e.Source!).ToListAsync(ct)).ToHashSet();
        var open = refunds.Where(x => !paid.Contains(EndToEndId(x.Id)) && x.CustomerId is not null).ToList();
        var customerIds = open.Select(x => x.CustomerId!).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Include(c => c.BankAccounts)
            .Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);

        var skipped = new List<string>();
        var transfers = new List<(Guid RefundId, string CustomerId, CreditTransfer Sepa, AchCredit? Ach)>();
        foreach (var x in open)
        {
            var customer = customers[x.CustomerId!];
            var accounts = customer.BankAccounts.OrderBy(a => a.IsLearned).Select(a => a.AccountNumber);
            var e2e = EndToEndId(x.Id);
            var remittance = $"Refund {x.Source} {e2e}";
            if (transfers.Count == MaxPerFile) { skipped.Add($"{e2e}: over {MaxPerFile} refunds; next run"); continue; }
            if (currency == Currency.EUR)
            {
                var iban = accounts.FirstOrDefault(IsIban);
                if (iban is null) { skipped.Add($"{e2e}: customer {customer.Id} has no IBAN on file"); continue; }
                var sepa = new CreditTransfer(e2e, -x.AmountMinor, customer.Name, iban, null, remittance);
                transfers.Add((x.Id, customer.Id, sepa, null));
            }
            else
            {
                var us = accounts.Select(UsAccount).FirstOrDefault(a => a is not null);
                if (us is null)
                {
                    skipped.Add($"{e2e}: customer {customer.Id} has no US routing + account number on file");
                    continue;
                }
                var ach = new AchCredit(e2e, -x.AmountMinor, customer.Name, us.Value.Routing, us.Value.Account,
                    Addenda: remittance);
                transfers.Add((x.Id, customer.Id, new(e2e, -x.AmountMinor, customer.Name, "", null, remittance), ach));
            }
        }
        if (transfers.Count == 0)
            return new(PayRefundsError.NothingToPay, "no unpaid refunds with bank details", null, null, [], skipped);

        var entity = (await journal.EntityAsync(bank.LegalEntityId, ct))!;
        string format, file;
        if (currency == Currency.EUR)
        {
            format = "pain.001.001.03";
            file = Pain001.Write(new CreditTransferBatch(r.MessageId, clock.GetUtcNow(), r.ExecutionDate, entity.Name,
                bank.AccountNumber, bank.Bic, currency, transfers.Select(t => t.Sepa).ToList()));
        }
        else
        {
            format = "nacha";
            file = NachaCredits.Write(new AchBatch(r.Ach!, r.SecCode, "REFUND", r.ExecutionDate, clock.GetUtcNow(),
                transfers.Select(t => t.Ach!).ToList()));
        }
        var payments = new List<RefundPayment>();
        foreach (var t in transfers)
        {
            var amount = new Money.Money(t.Sepa.AmountMinor, currency);
            var (entry, error, detail) = await journal.PostAsync(Guid.CreateVersion7(), bank.LegalEntityId,
                r.ExecutionDate, "refund_payment", $"Refund paid to {t.CustomerId} ({format} {r.MessageId})",
                [new(payable.Id, amount, t.CustomerId), new(ledger.Id, -amount, t.CustomerId)], t.Sepa.EndToEndId,
                isFreshId: true, ct: ct);
            if (entry is null)
            {
                db.ChangeTracker.Clear();
                return Refused(PayRefundsError.Ledger, $"{error}: {detail}");
            }
            payments.Add(new(t.RefundId, t.CustomerId, amount.Minor, t.Sepa.EndToEndId, entry.Id));
        }
        await db.SaveChangesAsync(ct);
        return new PayRefundsResult(null, "", format, file, payments, skipped);
    }

    private static bool IsIban(string account) =>
        account.Length is >= 15 and <= 34 && char.IsAsciiLetterUpper(account[0]) && char.IsAsciiLetterUpper(account[1])
        && char.IsAsciiDigit(account[2]) && char.IsAsciiDigit(account[3]);

    /// <summary>A US account on file is the 9-digit routing number followed by the account number.</summary>
    private static (string Routing, string Account)? UsAccount(string account) =>
        account.Length is > 9 and <= 26 && account.All(char.IsAsciiDigit) && Nacha.IsValidRouting(account[..9])
            ? (account[..9], account[9..]) : null;

    private static PayRefundsResult Refused(PayRefundsError error, string detail) =>
        new(error, detail, null, null, [], []);
}
