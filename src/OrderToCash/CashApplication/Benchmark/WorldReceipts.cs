using System.Globalization;
using OrderToCash.Money;

namespace OrderToCash.CashApplication.Benchmark;

using Money = OrderToCash.Money.Money;

public static partial class WorldGenerator
{
    private static readonly string[] Templates =
    [
        "{0}", "{0}", "INVOICE {0}", "Payment invoice {0}", "RE {0} THANK YOU", "Zahlung Rechnung {0}",
        "{0} CUST {1}", "付款 {0}", "PAYMENT {0} DD {2}", "Rechnungsnr. {0} vom {2}", "INV {0}",
    ];

    private static readonly string[] Generic =
        ["", "PAYMENT", "SAMMELZAHLUNG", "Zahlung", "TRANSFER", "货款", "PAYMENT ADVICE TO FOLLOW", "OUR PAYMENT"];

    private static void MakeReceipts(Builder b, int count)
    {
        var total = Categories.Mix.Sum(m => m.PerMille);
        for (var r = 0; r < count; r++)
        {
            var roll = b.Rng.Next(total);
            var category = Categories.Mix[0].Name;
            foreach (var (name, share) in Categories.Mix)
            {
                if (roll < share) { category = name; break; }
                roll -= share;
            }
            var made = false;
            for (var attempt = 0; attempt < 20 && !made; attempt++) made = TryMake(b, category);
            if (!made) made = TryMake(b, Categories.Fees);
        }
    }

    private static bool TryMake(Builder b, string category) => category switch
    {
        Categories.ExactRef => WithReference(b, category, 1, (it, _) => it.InvoiceNumber),
        Categories.NoisyRef => WithReference(b, category, 1, (it, rng) => Noise.Reference(rng, it.InvoiceNumber,
            b.Options.Profile)),
        Categories.PoRef => WithReference(b, category, 1, (it, rng) => PoText(rng, it.PoNumber), it =>
            it.PoNumber.Length > 0),
        Categories.TypoRef => WithReference(b, category, 1, (it, rng) => Noise.Typo(rng, it.InvoiceNumber),
            knownPayer: true),
        Categories.MultiWithRefs => WithReference(b, category, b.Rng.Next(2, 6), MixedRef),
        Categories.ShortPay => Adjusted(b, category, open => open - Math.Max(100, open * b.Rng.Next(10, 80) / 1000)),
        Categories.OverPay => Adjusted(b, category, open => open + Math.Max(100, open * b.Rng.Next(5, 50) / 1000)),
        Categories.Partial => Adjusted(b, category, open => open * b.Rng.Next(30, 71) / 100 / 100 * 100),
        Categories.Discount => Discounted(b),
        Categories.MultiNoRefs => WithoutReference(b, category, b.Rng.Next(2, 5), accountPerMille: 850),
        Categories.NameOnly => WithoutReference(b, category, b.Rng.Next(4) == 0 ? 2 : 1, accountPerMille: 0),
        Categories.AccountOnly => WithoutReference(b, category, b.Rng.Next(1, 4), accountPerMille: 1000, person: true),
        Categories.Learned => Learned(b),
        Categories.Ambiguous => Ambiguous(b),
        Categories.UnknownPayer => UnknownPayer(b),
        Categories.WrongPocket => WrongPocket(b),
        Categories.Fx => Foreign(b),
        _ => Fee(b),
    };

    private static string MixedRef(OpenItemView item, Random rng) =>
        rng.Next(10) < 6 ? item.InvoiceNumber : Noise.Reference(rng, item.InvoiceNumber, NoiseProfile.Standard);

    private static string PoText(Random rng, string po) =>
        rng.Next(3) switch { 0 => "PO " + po, 1 => "Your order " + po.Replace("PO-", ""), _ => po.ToLowerInvariant() };

    private static bool WithReference(Builder b, string category, int count,
        Func<OpenItemView, Random, string> reference, Func<OpenItemView, bool>? filter = null, bool knownPayer = false)
    {
        var pick = PickItems(b, count, filter ?? (_ => true), maxOpen: 400);
        if (pick is null) return false;
        var (c, items, _) = pick.Value;
        var refs = string.Join(Noise.Pick(b.Rng, ", ", " ", "; ", " / ", " + "), items.Select(i => reference(i,
            b.Rng)));
        var amount = items.Aggregate(Money.Zero(items[0].OpenAmount.Currency), (s, i) => s + i.OpenAmount);
        var accountPerMille = knownPayer ? 800 : b.Harsh ? 450 : 700;
        Emit(b, category, c, items, amount, refs, accountPerMille, items.Select(i => Full(i)).ToList());
        return true;
    }

    private static bool Adjusted(Builder b, string category, Func<long, long> pay)
    {
        var pick = PickItems(b, 1, i => i.OpenAmount.Minor >= 10_000, maxOpen: 400);
        if (pick is null) return false;
        var (c, items, _) = pick.Value;
        var item = items[0];
        var paid = new Money(pay(item.OpenAmount.Minor), item.OpenAmount.Currency);
        var reference = b.Rng.Next(3) == 0 ? Noise.Reference(b.Rng, item.InvoiceNumber, b.Options.Profile)
            : item.InvoiceNumber;
        if (category == Categories.Partial) reference = Noise.Pick(b.Rng, "instalment 1/3 ", "Teilzahlung ", "")
            + reference;
        if (category == Categories.ShortPay)
            reference += Noise.Pick(b.Rng, " less damaged goods", " minus freight", "");
        var applied = Money.Min(paid, item.OpenAmount);
        Emit(b, category, c, items, paid, reference, 800, [new TruthInvoice(item.InvoiceNumber, applied.Minor,
            applied.Currency.Code)]);
        return true;
    }

    private static bool Discounted(Builder b)
    {
        var pick = PickItems(b, b.Rng.Next(4) == 0 ? 2 : 1, i => i.DiscountPercent is > 0, maxOpen: 400);
        if (pick is null) return false;
        var (c, items, _) = pick.Value;
        var date = items.Min(i => i.DiscountDueDate!.Value).AddDays(-b.Rng.Next(0, 7));
        if (date <= items.Max(i => i.DocumentDate)) date = items.Max(i => i.DocumentDate).AddDays(1);
        var truth = items.Select(i => new TruthInvoice(i.InvoiceNumber,
            (i.OpenAmount - i.DiscountOn(date, 0)).Minor, i.OpenAmount.Currency.Code)).ToList();
        var amount = new Money(truth.Sum(t => t.AppliedMinor), items[0].OpenAmount.Currency);
        var refs = b.Rng.Next(5) == 0 ? Noise.Pick(b.Rng, Generic)
            : string.Join(" ", items.Select(i => b.Rng.Next(2) == 0 ? i.InvoiceNumber : Noise.Reference(b.Rng,
                i.InvoiceNumber, b.Options.Profile)))
              + Noise.Pick(b.Rng, " less 2% skonto", " 2% discount", "");
        Emit(b, Categories.Discount, c, items, amount, refs, 850, truth, date);
        return true;
    }

    private static bool WithoutReference(Builder b, string category, int count, int accountPerMille,
        bool person = false)
    {
        var pick = PickItems(b, count, _ => true, maxOpen: 30, needsAccount: accountPerMille == 1000);
        if (pick is null) return false;
        var (c, items, _) = pick.Value;
        var amount = items.Aggregate(Money.Zero(items[0].OpenAmount.Currency), (s, i) => s + i.OpenAmount);
        var payer = person ? (b.Rng.Next(3) == 0 ? "" : Noise.Pick(b.Rng, Noise.People)) : null;
        Emit(b, category, c, items, amount, Noise.Pick(b.Rng, Generic), accountPerMille,
            items.Select(i => Full(i)).ToList(), payerName: payer);
        return true;
    }

    private static bool Learned(Builder b)
    {
        var pick = PickItems(b, 1, _ => true, maxOpen: 30);
        if (pick is null) return false;
        var (c, items, _) = pick.Value;
        var customer = b.Customers[c];
        var account = NewAccount(b.Rng, customer.LegalEntityId[..2]);
        string payer;
        if (b.Rng.Next(10) < 7)
        {
            b.LearnedAccounts.Add(new(account, customer.Id));
            payer = Noise.Pick(b.Rng, Noise.People);
        }
        else
        {
            payer = $"{Noise.Pick(b.Rng, Noise.People)} FOR {customer.Id}";
            b.LearnedNames.Add(new(payer, customer.Id));
        }
        Emit(b, Categories.Learned, c, items, items[0].OpenAmount, Noise.Pick(b.Rng, Generic), 0,
            [Full(items[0])], payerName: payer, account: account);
        return true;
    }

    private static TruthInvoice Full(OpenItemView i) => new(i.InvoiceNumber, i.OpenAmount.Minor,
        i.OpenAmount.Currency.Code);

    /// <summary>Unused open items of one random customer (with at most <paramref name="maxOpen"/> items).</summary>
    private static (int Customer, List<OpenItemView> Items, List<int> Positions)? PickItems(Builder b, int count,
        Func<OpenItemView, bool> filter, int maxOpen, string? entity = null, bool needsAccount = false)
    {
        for (var tries = 0; tries < 30; tries++)
        {
            var c = b.Rng.Next(b.Customers.Count);
            if (entity is not null && b.Customers[c].LegalEntityId != entity) continue;
            if (needsAccount && b.Customers[c].BankAccounts.Count == 0) continue;
            var all = b.ItemsByCustomer[c];
            if (all.Count > maxOpen) continue;
            var free = all.Where(i => !b.Used.Contains(i) && filter(b.Items[i])).ToList();
            if (free.Count < count) continue;
            var chosen = free.OrderBy(_ => b.Rng.Next()).Take(count).ToList();
            foreach (var i in chosen) b.Used.Add(i);
            return (c, chosen.Select(i => b.Items[i]).ToList(), chosen);
        }
        return null;
    }

    private static void Emit(Builder b, string category, int c, List<OpenItemView> items, Money amount, string refs,
        int accountPerMille, List<TruthInvoice> truth, DateOnly? date = null, string? payerName = null,
        string? account = null, string? entity = null)
    {
        var customer = b.Customers[c];
        var payer = payerName ?? Noise.PayerName(b.Rng, b.BaseNames[c], b.Suffixes[c], customer.Aliases,
            b.Options.Profile);
        account ??= Noise.Chance(b.Rng, accountPerMille) && customer.BankAccounts.Count > 0
            ? Spaced(b.Rng, Noise.Pick(b.Rng, customer.BankAccounts))
            : NewAccount(b.Rng, customer.LegalEntityId[..2]);
        var structured = new List<string>();
        var text = refs.Length == 0 ? "" : string.Format(CultureInfo.InvariantCulture, Noise.Pick(b.Rng, Templates),
            refs,
            "KD" + b.Rng.Next(10_000, 99_999), (date ?? b.Options.Today).ToString("dd.MM.yyyy",
                CultureInfo.InvariantCulture),
            b.Rng.Next(10_000_000, 99_999_999));
        if (refs.Length > 0 && items.Count == 1 && Noise.Chance(b.Rng, 150)) { structured.Add(refs); text = ""; }
        var receipt = NewReceipt(b, entity ?? customer.LegalEntityId, date ?? Today(b), amount, payer, account, text,
            structured, Noise.Chance(b.Rng, 200) && refs.Length > 0 ? "E2E-" + refs.Replace(" ", "") : "NOTPROVIDED");
        b.Truth.Add(new TruthEntry(receipt.Id, category, Categories.ExpectationOf(category),
            Categories.ExpectationOf(category) == Expectation.Apply ? customer.Id : "", truth));
    }

    private static string Spaced(Random rng, string account) =>
        rng.Next(3) == 0 ? string.Join(' ', account.Chunk(4).Select(ch => new string(ch))) : account;

    private static DateOnly Today(Builder b) => b.Options.Today.AddDays(-b.Rng.Next(0, 3));

    private static Receipt NewReceipt(Builder b, string entity, DateOnly date, Money amount, string payer,
        string account, string text, List<string> structured, string endToEnd)
    {
        var id = $"{entity}{date:yyMMdd}{++b.NextReceipt:D6}";
        var receipt = new Receipt(id, entity, date, amount, payer, account, text, structured, endToEnd);
        b.Receipts.Add(receipt);
        return receipt;
    }
}
