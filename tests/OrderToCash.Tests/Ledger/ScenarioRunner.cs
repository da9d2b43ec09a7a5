using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OrderToCash.CashApplication;
using OrderToCash.Close;
using OrderToCash.Customers;
using OrderToCash.Data;
using OrderToCash.Invoicing;
using OrderToCash.LegalEntities;
using OrderToCash.Ledger;
using OrderToCash.Money;
using Xunit;
using M = OrderToCash.Money.Money;

namespace OrderToCash.Tests.Ledger;

/// <summary>
/// Runs a scenario file (tests/OrderToCash.Tests/Ledger/Scenarios/*.txt) through the real use cases and ledger.
/// One command per line; '#' starts a comment. See the scenario files for the vocabulary.
/// </summary>
public sealed class ScenarioRunner(TestDb t)
{
    private const string Actor = "scenario";
    private readonly Dictionary<string, Guid> _receipts = new();
    private readonly Dictionary<string, Guid> _lastApplication = new();

    public async Task RunAsync(string path)
    {
        var lineNo = 0;
        foreach (var raw in await File.ReadAllLinesAsync(path))
        {
            lineNo++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0) continue;
            try
            {
                if (line.StartsWith("expect-error ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', 3);
                    var error = await CommandAsync(Words(parts[2]));
                    Assert.Equal(parts[1], error);
                    continue;
                }
                var result = await CommandAsync(Words(line));
                Assert.True(result is null, $"refused: {result}");
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{Path.GetFileName(path)}:{lineNo}: {line}\n{e.Message}");
            }
        }
    }

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static M Amount(string amount, string currency) => M.Parse(amount, Currency.Of(currency));

    /// <summary>Runs one command; returns the name of the error it was refused with, or null.</summary>
    private async Task<string?> CommandAsync(string[] w)
    {
        var db = t.Fresh();
        switch (w[0])
        {
            case "entity":
                return (await new CreateLegalEntity(db, t.Clock, Actor).ExecuteAsync(w[1], w[1], w[2]))?.ToString();
            case "rate":
                db.FxRates.Add(new FxRate { FromCurrency = w[1], ToCurrency = w[2], Date = D(w[3]),
                    Rate = decimal.Parse(w[4], CultureInfo.InvariantCulture) });
                await db.SaveChangesAsync();
                return null;
            case "customer":
                db.Customers.Add(new Customer { Id = w[1], Name = w[1], LegalEntityId = w.Length > 2 ? w[2] : "DEFAULT",
                    Currency = w.Length > 3 ? w[3] : "EUR" });
                await db.SaveChangesAsync();
                return null;
            case "invoice":
            {
                var tax = Opt(w, "tax") is { } tx ? Amount(tx, w[5]) : M.Zero(Currency.Of(w[5]));
                var o = await new IssueInvoice(db, t.Clock, Actor).ExecuteAsync(new InvoiceRequest(Guid.NewGuid(), w[2],
                    w[1], null, D(w[3]), D(w[3]).AddDays(30), Amount(w[4], w[5]) - tax, tax,
                    Opt(w, "discount") is { } pct ? decimal.Parse(pct, CultureInfo.InvariantCulture) : null,
                    Opt(w, "discount-until") is { } until ? D(until) : null));
                return o.Error?.ToString();
            }
            case "creditmemo":
            {
                var o = await new IssueCreditMemo(db, t.Clock, Actor).ExecuteAsync(new CreditMemoRequest(Guid.NewGuid(),
                    w[2], w[1], D(w[3]), Amount(w[4], w[5]), M.Zero(Currency.Of(w[5])), Opt(w, "against"), "scenario"));
                return o.Error?.ToString();
            }
            case "receipt":
            {
                var entity = Opt(w, "entity") ?? (w[2] == "-" ? "DEFAULT"
                    : (await db.Customers.FirstAsync(c => c.Id == w[2])).LegalEntityId);
                var (o, item) = await new RecordReceipt(db, t.Clock, Actor).ExecuteAsync(new ReceiptRequest(
                    Guid.NewGuid(), entity, w[2] == "-" ? null : w[2], w[1], D(w[3]), Amount(w[4], w[5])));
                if (item is { } id) _receipts[w[1]] = id;
                return o.Error?.ToString();
            }
            case "apply": // apply R1 2026-02-20 INV-1 100.00 [discount 2.00] [writeoff 0.50] [deduction 8.00]
                          // [receipt 95.00]
            {
                var receipt = await db.OpenItems.AsNoTracking().FirstAsync(o => o.Id == _receipts[w[1]]);
                var invoice = await db.OpenItems.AsNoTracking()
                    .FirstAsync(o => o.Number == w[3] && o.Kind != OpenItemKind.Receipt);
                var c = Currency.Of(invoice.Currency);
                var id = Guid.NewGuid();
                var paid = Opt(w, "receipt") is { } r ? M.Parse(r, Currency.Of(receipt.Currency)).Minor : (long?)null;
                var o2 = await new ApplyCash(db, t.Clock, Actor).ExecuteAsync(new ApplyRequest(id, receipt.Id, D(w[2]),
                [
                    new Settlement(invoice.Id, M.Parse(w[4], c).Minor,
                        Opt(w, "discount") is { } d ? M.Parse(d, c).Minor : 0,
                        Opt(w, "writeoff") is { } wo ? M.Parse(wo, c).Minor : 0,
                        Opt(w, "deduction") is { } de ? M.Parse(de, c).Minor : 0, "SHORT_PAY"),
                ], ReceiptMinor: paid));
                if (o2.IsPosted) _lastApplication[w[1]] = id;
                return o2.Error?.ToString();
            }
            case "unapply": // unapply R1 2026-03-01
                return (await new ReverseEntry(db, t.Clock, Actor).ExecuteAsync(Guid.NewGuid(), _lastApplication[w[1]],
                    D(w[2]), "scenario", "application")).Error?.ToString();
            case "writeoff": // writeoff INV-1 2026-03-01 5.00
            {
                var invoice = await db.OpenItems.AsNoTracking().FirstAsync(o => o.Number == w[1]);
                return (await new WriteOff(db, t.Clock, Actor).ExecuteAsync(new WriteOffRequest(Guid.NewGuid(),
                    invoice.Id, M.Parse(w[3], Currency.Of(invoice.Currency)), D(w[2]), "scenario"))).Error?.ToString();
            }
            case "refund": // refund R1 2026-03-01 10.00
            {
                var receipt = await db.OpenItems.AsNoTracking().FirstAsync(o => o.Id == _receipts[w[1]]);
                return (await new RefundCredit(db, t.Clock, Actor).ExecuteAsync(Guid.NewGuid(), receipt.Id,
                    M.Parse(w[3], Currency.Of(receipt.Currency)).Minor, D(w[2]), "scenario")).Error?.ToString();
            }
            case "revalue": // revalue DEFAULT 2026-01-31
                return (await new RevalueForeignCurrency(db, t.Clock, Actor).ExecuteAsync(w[1], D(w[2]), Guid.NewGuid(),
                    Guid.NewGuid())).Outcome.Error?.ToString();
            case "close": // close DEFAULT 2026-01
                return (await new ClosePeriod(db, t.Clock, Actor).ExecuteAsync(w[1], int.Parse(w[2][..4]),
                    int.Parse(w[2][5..])))?.ToString();
            case "expect":
                await ExpectAsync(db, w);
                return null;
            default:
                throw new InvalidOperationException($"unknown command '{w[0]}'");
        }
    }

    private static string? Opt(string[] w, string name)
    {
        var i = Array.IndexOf(w, name);
        return i >= 0 && i + 1 < w.Length ? w[i + 1] : null;
    }

    private async Task ExpectAsync(O2cDb db, string[] w)
    {
        switch (w[1])
        {
            case "open": // expect open INV-1 30.00
            {
                var item = await db.OpenItems.AsNoTracking().FirstAsync(o => o.Number == w[2]);
                var c = Currency.Of(item.Currency);
                Assert.Equal(w[3], Amounts.Format(Math.Abs(item.OpenMinor), c));
                break;
            }
            case "balance": // expect balance ar_control EUR 119.00 [entity E]
            case "functional": // expect functional fx_gain -1.00 [entity E]   (functional balance of the role)
            {
                var entity = Opt(w, "entity") ?? "DEFAULT";
                var rows = await new TrialBalance(db).ExecuteAsync(null);
                var mine = rows.Where(r => r.LegalEntity == entity && AccountRoles.Name(r.Role) == w[2]).ToList();
                if (w[1] == "balance")
                {
                    var c = Currency.Of(w[3]);
                    Assert.Equal(w[4],
                        Amounts.Format(mine.Where(r => r.Currency == c.Code).Sum(r => r.BalanceMinor), c));
                }
                else
                {
                    var functional = (await db.LegalEntities.FirstAsync(e => e.Id == entity)).FunctionalCurrency;
                    Assert.Equal(w[3],
                        Amounts.Format(mine.Sum(r => r.FunctionalBalanceMinor), Currency.Of(functional)));
                }
                break;
            }
            case "ledger": // expect ledger balanced
            {
                var report = await new CheckLedger(t.NewContext(), t.Clock).ExecuteAsync();
                Assert.True(report.IsClean,
                    string.Join("\n", report.Violations.Select(v => $"{v.Invariant}: {v.Detail}")));
                break;
            }
            default:
                throw new InvalidOperationException($"unknown expectation '{w[1]}'");
        }
    }
}
