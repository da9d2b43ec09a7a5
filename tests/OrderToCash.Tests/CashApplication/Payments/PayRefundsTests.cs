// Database reads in these tests are short and not worth threading the test's cancellation token through.
#pragma warning disable xUnit1051
using System.Text;
using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.CashApplication;
using OrderToCash.CashApplication.Payments;
using OrderToCash.Customers;
using OrderToCash.Ledger;
using OrderToCash.LegalEntities;
using Xunit;
using static OrderToCash.Tests.BankStatements.ImportStatementTests;
using ImportStatementTests = OrderToCash.Tests.BankStatements.ImportStatementTests;

namespace OrderToCash.Tests.CashApplication.Payments;

public sealed class PayRefundsTests
{
    private static string RefundDebit(string endToEndId) => $"""
        <?xml version="1.0"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>S2</Id>
        <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
        <Ntry><Amt Ccy="EUR">40.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2024-01-05</Dt></BookgDt><ValDt><Dt>2024-01-05</Dt></ValDt><AcctSvcrRef>OUT1</AcctSvcrRef>
        <NtryDtls><TxDtls><Refs><EndToEndId>{endToEndId}</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>
        </Stmt></BkToCstmrStmt></Document>
        """;

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_refund_is_paid_by_pain001_once_and_its_bank_debit_ties_out(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportAsync(t, "eod.sta", EndOfDay);
        await AddCustomerAsync(t, "ACME", "Acme B.V.", "NL91ABNA0417164300");
        var identified = await IdentifyAsync(t, "B1", "ACME", new DateOnly(2024, 1, 3));
        var refund = await new RefundCredit(t.Fresh(), t.Clock, "clerk").ExecuteAsync(Guid.NewGuid(),
            identified.ReceiptItemId!.Value, 4000, new DateOnly(2024, 1, 4), "overpaid");
        Assert.True(refund.IsPosted, refund.Detail);

        var bank = await t.Fresh().BankAccounts.SingleAsync();
        var request = new PayRefundsRequest(bank.Id, new DateOnly(2024, 1, 5), "REFUNDS-1");
        var result = await new PayRefunds(t.Fresh(), t.Clock, "treasury").ExecuteAsync(request);
        Assert.Null(result.Error);
        Assert.Equal("pain.001.001.03", result.Format);
        PaymentFileTests.AssertValidPain001(result.File!);
        var paid = Assert.Single(result.Paid);
        Assert.Equal(4000L, paid.AmountMinor);
        Assert.Contains(paid.EndToEndId, result.File);
        Assert.Equal(0L, await BalanceAsync(t, AccountRole.RefundsPayable));
        Assert.Equal(PayRefundsError.NothingToPay,
            (await new PayRefunds(t.Fresh(), t.Clock, "treasury").ExecuteAsync(request)).Error);

        var debit = await ImportAsync(t, "refund-debit.xml", RefundDebit(paid.EndToEndId));
        Assert.False(debit.IsRefused, debit.Detail);
        var out1 = await t.Fresh().StatementLines.SingleAsync(l => l.BankReference == "OUT1");
        Assert.Equal((paid.PaymentEntryId, "refund paid"), (out1.JournalEntryId!.Value, out1.StatusReason));
        var report = await new ReconcileBank(t.Fresh(), t.Clock, "auditor").ExecuteAsync(ImportStatementTests.Account);
        Assert.True(report.Run!.IsTiedOut, string.Join("\n", report.Differences));
        await AssertLedgerCleanAsync(t);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_customer_without_an_iban_is_skipped_with_the_reason(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportAsync(t, "eod.sta", EndOfDay);
        await AddCustomerAsync(t, "NOBANK", "No Bank");
        var identified = await IdentifyAsync(t, "B2", "NOBANK", new DateOnly(2024, 1, 3));
        await new RefundCredit(t.Fresh(), t.Clock, "clerk").ExecuteAsync(Guid.NewGuid(),
            identified.ReceiptItemId!.Value, 5000, new DateOnly(2024, 1, 4), "duplicate payment");
        var bank = await t.Fresh().BankAccounts.SingleAsync();
        var result = await new PayRefunds(t.Fresh(), t.Clock, "treasury")
            .ExecuteAsync(new PayRefundsRequest(bank.Id, new DateOnly(2024, 1, 5), "REFUNDS-2"));
        Assert.Equal(PayRefundsError.NothingToPay, result.Error);
        Assert.Contains("no IBAN", Assert.Single(result.Skipped));
        Assert.Equal(-5000L, await BalanceAsync(t, AccountRole.RefundsPayable));
    }
}
