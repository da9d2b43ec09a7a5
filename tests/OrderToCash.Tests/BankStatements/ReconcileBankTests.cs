// Database reads in these tests are short and not worth threading the test's cancellation token through.
#pragma warning disable xUnit1051
using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.CashApplication;
using OrderToCash.LegalEntities;
using Xunit;
using static OrderToCash.Tests.BankStatements.ImportStatementTests;

namespace OrderToCash.Tests.BankStatements;

public sealed class ReconcileBankTests
{
    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Bank_reconciliation_ties_out_after_an_import(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportAsync(t, "intraday.sta", Intraday);
        await ImportAsync(t, "eod.sta", EndOfDay);
        var report = await new ReconcileBank(t.Fresh(), t.Clock, "auditor")
            .ExecuteAsync("DE89 3704 0044 0532 0130 00", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31));
        var run = report.Run!;
        Assert.True(run.IsTiedOut, string.Join("\n", report.Differences));
        Assert.Equal((5, 4, 21750L, -30000L, 21750L),
            (run.StatementLines, run.LedgerLines, run.PostedNetMinor, run.IgnoredNetMinor, run.LedgerNetMinor));
        Assert.Equal(1, await t.Fresh().BankReconciliations.CountAsync());
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_posting_to_the_bank_without_a_statement_line_is_a_difference(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportAsync(t, "eod.sta", EndOfDay);
        var bank = await t.Fresh().BankAccounts.SingleAsync();
        var ledger = await t.Db.Accounts.SingleAsync(a => a.BankAccountId == bank.Id);
        var receipt = new ReceiptRequest(Guid.NewGuid(), LegalEntity.DefaultId, null, "MANUAL-1",
            new DateOnly(2024, 1, 2), new OrderToCash.Money.Money(1234, OrderToCash.Money.Currency.EUR), ledger.Id);
        Assert.True((await new RecordReceipt(t.Fresh(), t.Clock, "clerk").ExecuteAsync(receipt)).Outcome.IsPosted);
        var report = await new ReconcileBank(t.Fresh(), t.Clock, "auditor").ExecuteAsync(Account);
        Assert.False(report.Run!.IsTiedOut);
        var difference = Assert.Single(report.Differences);
        Assert.Equal((DifferenceKind.LedgerLineWithoutStatementLine, 1234L, "MANUAL-1"),
            (difference.Kind, difference.AmountMinor, difference.Reference));
        Assert.Equal(ReconcileBankError.UnknownAccount,
            (await new ReconcileBank(t.Fresh(), t.Clock, "auditor").ExecuteAsync("XX00")).Error);
    }
}
