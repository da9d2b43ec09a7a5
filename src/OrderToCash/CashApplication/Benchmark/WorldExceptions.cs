using OrderToCash.Money;

namespace OrderToCash.CashApplication.Benchmark;

using Money = OrderToCash.Money.Money;

public static partial class WorldGenerator
{
    // Two customers of one entity each have an open item of the same amount; an unknown payer pays that amount.
    private static bool Ambiguous(Builder b)
    {
        var first = PickItems(b, 1, _ => true, maxOpen: 400);
        if (first is null) return false;
        var (c1, items1, _) = first.Value;
        var entity = b.Customers[c1].LegalEntityId;
        var second = PickItems(b, 1, _ => true, maxOpen: 400, entity);
        if (second is null || second.Value.Customer == c1) return false;
        var amount = items1[0].OpenAmount;
        var twin = second.Value.Items[0];
        var index = second.Value.Positions[0];
        b.Items[index] = twin with { OpenAmount = amount, OriginalAmount = amount };
        var payer = Noise.Pick(b.Rng, Noise.People);
        NewReceipt(b, entity, Today(b), amount, payer, NewAccount(b.Rng, entity[..2]), Noise.Pick(b.Rng, Generic), [],
            "NOTPROVIDED");
        MustNotApply(b, Categories.Ambiguous);
        return true;
    }

    private static bool UnknownPayer(Builder b)
    {
        var spec = Entities[b.Rng.Next(Entities.Length)];
        var amount = NewAmount(b.Rng, spec.Currency);
        if (b.Rng.Next(2) == 0)
        {
            // Hard variant: the amount equals some open item, but nothing ties the payer to it.
            var pick = PickItems(b, 1, i => i.LegalEntityId == spec.Id, maxOpen: 400, spec.Id);
            if (pick is not null) amount = pick.Value.Items[0].OpenAmount;
        }
        NewReceipt(b, spec.Id, Today(b), amount, Noise.Pick(b.Rng, Noise.People), NewAccount(b.Rng, spec.Country),
            Noise.Pick(b.Rng, Generic), [], "NOTPROVIDED");
        MustNotApply(b, Categories.UnknownPayer);
        return true;
    }

    // An invoice of one entity is paid into the bank account of another.
    private static bool WrongPocket(Builder b)
    {
        var pick = PickItems(b, 1, i => i.LegalEntityId != "CN01", maxOpen: 400);
        if (pick is null) return false;
        var (c, items, _) = pick.Value;
        var item = items[0];
        var other = item.LegalEntityId == "DE01" ? "US01" : Noise.Pick(b.Rng, "DE01", "CN01");
        var reference = b.Rng.Next(3) == 0 ? Noise.Reference(b.Rng, item.InvoiceNumber, b.Options.Profile)
            : item.InvoiceNumber;
        var customer = b.Customers[c];
        var payer = Noise.PayerName(b.Rng, b.BaseNames[c], b.Suffixes[c], customer.Aliases, b.Options.Profile);
        var account = customer.BankAccounts.Count > 0 ? customer.BankAccounts[0] : NewAccount(b.Rng, "DE");
        NewReceipt(b, other, Today(b), item.OpenAmount, payer, account, "INVOICE " + reference, [], "NOTPROVIDED");
        MustNotApply(b, Categories.WrongPocket);
        return true;
    }

    private static void MustNotApply(Builder b, string category) =>
        b.Truth.Add(new TruthEntry(b.Receipts[^1].Id, category, Expectation.MustNotApply, "", []));

    // A receipt in another currency than its invoice: the bank converted at its own rate, a little off ours.
    private static bool Foreign(Builder b)
    {
        var pick = PickItems(b, 1, _ => true, maxOpen: 400);
        if (pick is null) return false;
        var (c, items, _) = pick.Value;
        var item = items[0];
        var paidIn = item.OpenAmount.Currency == Currency.USD ? Currency.EUR : Currency.USD;
        var rate = Conversion.FindRate(Rates(b.Options), item.OpenAmount.Currency, paidIn, b.Options.Today)!.Value;
        var spread = 1m + b.Rng.Next(-40, 41) / 10_000m;
        var amount = Conversion.Convert(item.OpenAmount, paidIn, rate * spread);
        var reference = b.Rng.Next(3) == 0 ? Noise.Reference(b.Rng, item.InvoiceNumber, b.Options.Profile)
            : item.InvoiceNumber;
        Emit(b, Categories.Fx, c, items, amount, reference, 750, [Full(item)]);
        // The payer instructed the invoice's amount in its currency; the bank says so (camt AmtDtls/InstdAmt).
        b.Receipts[^1] = b.Receipts[^1] with { Instructed = item.OpenAmount };
        return true;
    }

    private static bool Fee(Builder b)
    {
        var spec = Entities[b.Rng.Next(Entities.Length)];
        var (text, minor) = b.Rng.Next(4) switch
        {
            0 => ("BANK CHARGES", b.Rng.Next(100, 5_000)),
            1 => ("KONTOFUEHRUNGSGEBUEHR", b.Rng.Next(500, 3_000)),
            2 => ("SEPA LASTSCHRIFT VERSICHERUNG", b.Rng.Next(10_000, 500_000)),
            _ => ("INTEREST DEBIT", b.Rng.Next(100, 20_000)),
        };
        var bank = spec.Country switch { "DE" => "COMMERZBANK AG", "US" => "SILICON VALLEY BANK", _ =>
            "BANK OF CHINA" };
        NewReceipt(b, spec.Id, Today(b), new Money(-minor, spec.Currency), bank, "", text, [], "NOTPROVIDED");
        b.Truth.Add(new TruthEntry(b.Receipts[^1].Id, Categories.Fees, Expectation.Ignore, "", []));
        return true;
    }
}
