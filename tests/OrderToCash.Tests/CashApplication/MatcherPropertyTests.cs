using FsCheck;
using FsCheck.Fluent;
using OrderToCash.CashApplication;
using OrderToCash.Money;
using Xunit;

namespace OrderToCash.Tests.CashApplication;

using Money = OrderToCash.Money.Money;

/// <summary>Invariants of the matcher over random small ledgers: it never over-applies, never applies what it must
/// not.</summary>
public class MatcherPropertyTests
{
    private static readonly DateOnly Today = new(2026, 3, 31);
    private static readonly string[] Names = ["Acme Trading GmbH", "Bolt Logistics Ltd.", "Cato Maschinenbau AG"];

    private sealed record Ledger(OpenItemIndex Index, List<OpenItemView> Items, List<CustomerView> Customers);

    private static Ledger RandomLedger(Random rng)
    {
        var customers = Names.Select((n, k) => new CustomerView($"C{k}", "DE01", n, [],
            [$"DE0000000000000000000{k}"])).ToList();
        customers.Add(new CustomerView("F0", "US01", "Foreign Supplies Inc.", [], ["US000000001"]));
        var items = new List<OpenItemView>();
        var number = 1000;
        foreach (var c in customers)
        {
            for (var k = rng.Next(1, 12); k > 0; k--)
            {
                var original = new Money(rng.Next(1, 6) == 1 ? 10_000 : rng.Next(100, 50_000), Currency.EUR);
                var open = rng.Next(5) == 0 ? new Money(original.Minor / 2, Currency.EUR) : original;
                var date = Today.AddDays(-rng.Next(1, 60));
                var discount = rng.Next(4) == 0;
                items.Add(new OpenItemView(Guid.NewGuid(), c.LegalEntityId, c.Id, $"INV-{number += rng.Next(1, 3)}",
                    rng.Next(3) == 0 ? $"PO{rng.Next(100, 999)}" : "", date, date.AddDays(30), open, original,
                    discount ? 2m : null, discount ? date.AddDays(10) : null));
            }
        }
        return new Ledger(OpenItemIndex.Build(items, customers), items, customers);
    }

    private static Receipt RandomReceipt(Random rng, Ledger l, bool unknownPayerWithoutReference = false)
    {
        var own = l.Items.Where(i => i.LegalEntityId == "DE01").ToList();
        var chosen = own.Where(_ => rng.Next(3) == 0).Take(4).ToList();
        var amount = rng.Next(3) switch
        {
            0 => rng.Next(1, 80_000),
            1 => chosen.Sum(i => i.OpenAmount.Minor) + rng.Next(-500, 500),
            _ => chosen.Sum(i => i.OpenAmount.Minor),
        };
        if (amount == 0) amount = 1;
        var text = unknownPayerWithoutReference ? "PAYMENT"
            : string.Join(" ", l.Items.Where(_ => rng.Next(6) == 0).Select(i => i.InvoiceNumber)) + " " + rng.Next(1,
                99999);
        var payer = unknownPayerWithoutReference ? "MAX MUSTERMANN" : rng.Next(3) switch
        {
            0 => Names[rng.Next(Names.Length)].ToUpperInvariant(),
            1 => "MAX MUSTERMANN",
            _ => "",
        };
        var account = !unknownPayerWithoutReference && rng.Next(2) == 0 ? l.Customers[rng.Next(
            l.Customers.Count)].BankAccounts[0]
            : "DE99999999999999999999";
        return new Receipt("R1", "DE01", Today.AddDays(-rng.Next(0, 40)), new Money(amount, Currency.EUR), payer,
            account,
            text, [], "NOTPROVIDED");
    }

    [Fact]
    public void Never_proposes_more_than_the_receipt_nor_beyond_an_items_open_amount()
    {
        Prop.ForAll<int>(seed =>
        {
            var rng = new Random(seed);
            var ledger = RandomLedger(rng);
            var receipt = RandomReceipt(rng, ledger);
            var result = Matcher.Propose(receipt, ledger.Index, new MatchSettings(), Today);
            if (result.Status == MatchStatus.WrongPocket) return true;
            var open = ledger.Items.ToDictionary(i => i.Id, i => i.OpenAmount);
            return result.Proposals.All(p =>
                p.Applied(Money.Zero(Currency.EUR)) <= receipt.Amount
                && p.Allocations.All(a => a.Applied.Minor >= 0 && a.Cleared <= open[a.OpenItemId])
                && p.Allocations.Select(a => a.OpenItemId).Distinct().Count() == p.Allocations.Count);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void An_automatic_application_accounts_for_every_cent_of_the_receipt()
    {
        Prop.ForAll<int>(seed =>
        {
            var rng = new Random(seed);
            var ledger = RandomLedger(rng);
            var receipt = RandomReceipt(rng, ledger);
            var result = Matcher.Propose(receipt, ledger.Index, new MatchSettings(), Today);
            if (result.Status != MatchStatus.AutoApply) return true;
            var best = result.Best!;
            return best.Applied(Money.Zero(Currency.EUR)) + best.Remainder == receipt.Amount
                   && best.Confidence >= 0.95m && best.Confidence <= 1m;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void An_unknown_payer_without_reference_is_never_applied_automatically()
    {
        Prop.ForAll<int>(seed =>
        {
            var rng = new Random(seed);
            var ledger = RandomLedger(rng);
            var receipt = RandomReceipt(rng, ledger, unknownPayerWithoutReference: true);
            return Matcher.Propose(receipt, ledger.Index, new MatchSettings(), Today).Status != MatchStatus.AutoApply;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void An_amount_that_fits_two_customers_is_never_applied_automatically()
    {
        Prop.ForAll<int>(seed =>
        {
            var rng = new Random(seed);
            var ledger = RandomLedger(rng);
            var a = ledger.Items.First(i => i.CustomerId == "C0");
            var twin = ledger.Items.First(i => i.CustomerId == "C1") with { OpenAmount = a.OpenAmount };
            var items = ledger.Items.Select(i => i.Id == twin.Id ? twin : i).ToList();
            var index = OpenItemIndex.Build(items, ledger.Customers);
            var receipt = new Receipt("R1", "DE01", Today, a.OpenAmount, "MAX MUSTERMANN", "", "PAYMENT", [], "");
            return Matcher.Propose(receipt, index, new MatchSettings(), Today).Status != MatchStatus.AutoApply;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Another_entitys_invoice_is_never_applied_automatically()
    {
        Prop.ForAll<int>(seed =>
        {
            var rng = new Random(seed);
            var ledger = RandomLedger(rng);
            var foreign = ledger.Items.First(i => i.LegalEntityId == "US01");
            var receipt = new Receipt("R1", "DE01", Today, new Money(foreign.OpenAmount.Minor, Currency.EUR),
                "Foreign Supplies", "US000000001", "INVOICE " + foreign.InvoiceNumber, [], "");
            var result = Matcher.Propose(receipt, ledger.Index, new MatchSettings(), Today);
            return result.Status != MatchStatus.AutoApply
                   || result.Best!.Allocations.All(x => x.InvoiceNumber != foreign.InvoiceNumber);
        }).QuickCheckThrowOnFailure();
    }
}
