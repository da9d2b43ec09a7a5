using Microsoft.EntityFrameworkCore;
using OrderToCash.CashApplication;
using OrderToCash.Customers;
using OrderToCash.Data;
using OrderToCash.Invoicing;
using OrderToCash.LegalEntities;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.Demo;

public sealed record DemoSummary(int Customers, int Invoices, int Receipts, int CreditMemos, int WriteOffs,
    int ShortPayments, int OnHold);

/// <summary>
/// Builds a realistic demo company through the real use cases: a EUR and a CNY legal entity, about 200 customers,
/// 12 months of invoices up to <c>asOf</c>, receipts with each customer's own lateness, credit memos, short payments,
/// write-offs, unapplied and unidentified cash, and a few customers on hold. The same seed and date give the same
/// company.
/// </summary>
public sealed class BuildDemoCompany(O2cDb db, TimeProvider clock, string actor)
{
    public const string EuropeId = LegalEntity.DefaultId;
    public const string ChinaId = "CN01";

    public async Task<DemoSummary> ExecuteAsync(int seed, DateOnly asOf,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        var random = new Random(seed);
        Guid NextId()
        {
            var b = new byte[16];
            random.NextBytes(b);
            b[7] = (byte)(b[7] & 0x0F | 0x40);
            return new Guid(b);
        }

        await SetUpEntitiesAsync(asOf, ct);
        var customers = DemoNames.Customers(random, 200);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var c in customers) db.Customers.Add(c);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();

        var start = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-11);
        var behaviour = customers.ToDictionary(c => c.Id, _ => (Lateness: random.Next(-5, 40),
            PaysShort: random.NextDouble() < 0.1, TakesDiscount: random.NextDouble() < 0.4));
        var counters = new Dictionary<string, int> { [EuropeId] = 0, [ChinaId] = 0 };
        int invoices = 0, receipts = 0, memos = 0, writeOffs = 0, shorts = 0;
        var totalDays = asOf.DayNumber - start.DayNumber + 1;
        for (var day = start; day <= asOf; day = day.AddDays(1))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                var count = random.Next(14, 25);
                for (var i = 0; i < count; i++)
                {
                    var customer = customers[random.Next(customers.Count)];
                    if (customer.Status == CustomerStatus.Closed) continue;
                    counters[customer.LegalEntityId]++;
                    var prefix = customer.LegalEntityId == ChinaId ? "CN" : "INV";
                    var number = $"{prefix}-{day.Year}-{counters[customer.LegalEntityId]:D6}";
                    PaymentTerms.TryParse(customer.PaymentTerms, out var terms);
                    var currency = Currency.Of(customer.Currency);
                    var net = new Money.Money(random.Next(20, 2000) * 50L * (currency == Currency.JPY ? 1 : 1) +
                                              random.Next(0, 100), currency);
                    var tax = net.Multiply(customer.LegalEntityId == ChinaId ? 0.13m : 0.19m,
                        MidpointRounding.AwayFromZero);
                    var outcome = await new IssueInvoice(db, clock, actor).ExecuteAsync(new InvoiceRequest(NextId(),
                        customer.Id, number, random.NextDouble() < 0.6 ? $"PO{random.Next(100000, 999999)}" : null, day,
                        terms.DueDate(day), net, tax, terms.DiscountPercent, terms.DiscountDueDate(day)), ct);
                    if (!outcome.IsPosted) continue;
                    invoices++;
                    db.ChangeTracker.Clear();
                }
            }
            // Receipts due today: invoices whose customer pays today by their lateness.
            var due = await db.OpenItems.AsNoTracking()
                .Where(o => o.Kind == OpenItemKind.Invoice && o.OpenMinor == o.OriginalMinor
                            && o.DueDate >= day.AddDays(-40) && o.DueDate <= day.AddDays(45))
                .ToListAsync(ct);
            foreach (var inv in due)
            {
                var b = behaviour[inv.CustomerId];
                var discountDay = inv.DiscountDueDate;
                var payDay = b.TakesDiscount && discountDay is { } dd
                    ? dd.AddDays(-1) : inv.DueDate.AddDays(b.Lateness);
                // Deterministic: the pay day is a function of the invoice, checked once a day.
                if (payDay != day || inv.OpenMinor != inv.OriginalMinor) continue;
                if (Hash(inv.Number, seed) % 100 < 4) continue; // never paid: ages into the buckets
                var currency = Currency.Of(inv.Currency);
                long discount = b.TakesDiscount && inv.DiscountPercent is { } pct && discountDay >= day
                    ? new Money.Money(inv.OpenMinor, currency).Multiply(pct / 100m, MidpointRounding.AwayFromZero).Minor
                    : 0;
                var isShort = b.PaysShort && Hash(inv.Number, seed + 1) % 3 == 0;
                var pay = inv.OpenMinor - discount;
                if (isShort) pay -= Math.Max(1, pay * (Hash(inv.Number, seed + 2) % 8 + 1) / 100);
                var (outcome, receiptId) = await new RecordReceipt(db, clock, actor).ExecuteAsync(new ReceiptRequest(
                    NextId(), inv.LegalEntityId, inv.CustomerId, $"BNK{day:yyyyMMdd}{receipts:D5}", day,
                    new Money.Money(pay, currency)), ct);
                db.ChangeTracker.Clear();
                if (!outcome.IsPosted || receiptId is null) continue;
                receipts++;
                var smallRemainder = isShort && inv.OpenMinor - pay - discount <= 5 * currency.MinorPerMajor;
                var apply = await new ApplyCash(db, clock, actor).ExecuteAsync(new ApplyRequest(NextId(),
                    receiptId.Value, day,
                    [new Settlement(inv.Id, pay, discount, smallRemainder ? inv.OpenMinor - pay - discount : 0)],
                    $"Payment of {inv.Number}"), ct);
                db.ChangeTracker.Clear();
                if (isShort && apply.IsPosted) { shorts++; if (smallRemainder) writeOffs++; }
            }
            // A credit memo now and then against a recent invoice.
            if (random.NextDouble() < 0.5)
            {
                var recent = await db.OpenItems.AsNoTracking().Where(o => o.Kind == OpenItemKind.Invoice
                    && o.OpenMinor == o.OriginalMinor && o.DocumentDate >= day.AddDays(-20)).Take(50).ToListAsync(ct);
                if (recent.Count > 0)
                {
                    var inv = recent[random.Next(recent.Count)];
                    var currency = Currency.Of(inv.Currency);
                    var gross = new Money.Money(inv.OpenMinor / 10, currency);
                    var net = gross.Multiply(inv.LegalEntityId == ChinaId ? 1m / 1.13m : 1m / 1.19m,
                        MidpointRounding.AwayFromZero);
                    var cm = await new IssueCreditMemo(db, clock, actor).ExecuteAsync(new CreditMemoRequest(NextId(),
                        inv.CustomerId, $"CM-{inv.Number}", day, net, gross - net, inv.Number, "Price adjustment"), ct);
                    if (cm.IsPosted) memos++;
                    db.ChangeTracker.Clear();
                }
            }
            await tx.CommitAsync(ct);
            progress?.Report((day.DayNumber - start.DayNumber + 1, totalDays));
        }
        await AddExceptionsAsync(random, NextId, asOf, customers, ct);
        var onHold = await PlaceSomeOnHoldAsync(random, ct);
        await new SealChain(db, clock).ExecuteAsync(ct);
        return new DemoSummary(customers.Count, invoices, receipts, memos, writeOffs, shorts, onHold);
    }

    private async Task SetUpEntitiesAsync(DateOnly asOf, CancellationToken ct)
    {
        var europe = await db.LegalEntities.FirstAsync(e => e.Id == EuropeId, ct);
        europe.Name = "Northwind Europe B.V.";
        europe.Country = "NL";
        europe.TaxId = "NL123456789B01";
        europe.Address = "Herengracht 100, 1015 BS Amsterdam";
        await db.SaveChangesAsync(ct);
        await new CreateLegalEntity(db, clock, actor).ExecuteAsync(ChinaId, "Northwind (Shanghai) Trading Co., Ltd.",
            "CNY", "CN", "91310000MA1FL0000X", "上海市浦东新区世纪大道100号", ct);
        var register = new RegisterBankAccount(db, clock, actor);
        await register.ExecuteAsync(EuropeId, "NL91ABNA0417164300", Currency.EUR, "ABNANL2A", "ABN AMRO EUR", ct);
        await register.ExecuteAsync(EuropeId, "NL20INGB0001234567", Currency.USD, "INGBNL2A", "ING USD", ct);
        await register.ExecuteAsync(ChinaId, "6222020200112233445", Currency.CNY, "ICBKCNBJ", "ICBC CNY", ct);
        var start = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-13);
        for (var d = start; d <= asOf; d = d.AddMonths(1))
        {
            var drift = (d.Month % 5) * 0.004m;
            db.FxRates.Add(new FxRate
                { FromCurrency = "USD", ToCurrency = "EUR", Date = d, Rate = 0.91m + drift, Source = "demo" });
            db.FxRates.Add(new FxRate
                { FromCurrency = "CNY", ToCurrency = "EUR", Date = d, Rate = 0.128m + drift / 10, Source = "demo" });
            db.FxRates.Add(new FxRate
                { FromCurrency = "EUR", ToCurrency = "CNY", Date = d, Rate = 7.8m - drift * 10, Source = "demo" });
            db.FxRates.Add(new FxRate
                { FromCurrency = "USD", ToCurrency = "CNY", Date = d, Rate = 7.1m + drift, Source = "demo" });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task AddExceptionsAsync(Random random, Func<Guid> nextId, DateOnly asOf, List<Customer> customers,
        CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < 12; i++)
        {
            var c = customers[random.Next(customers.Count)];
            await new RecordReceipt(db, clock, actor).ExecuteAsync(new ReceiptRequest(nextId(), c.LegalEntityId,
                i % 3 == 0 ? null : c.Id, $"UNAPPLIED-{i + 1:D3}", asOf.AddDays(-random.Next(0, 20)),
                new Money.Money(random.Next(100, 5000) * 100L, Currency.Of(c.Currency))), ct);
            db.ChangeTracker.Clear();
        }
        await tx.CommitAsync(ct);
    }

    private async Task<int> PlaceSomeOnHoldAsync(Random random, CancellationToken ct)
    {
        var late = await db.OpenItems.AsNoTracking().Where(o => o.Kind == OpenItemKind.Invoice && o.OpenMinor > 0)
            .GroupBy(o => o.CustomerId).Select(g => new { g.Key, Oldest = g.Min(o => o.DueDate) })
            .OrderBy(x => x.Oldest).Take(6).ToListAsync(ct);
        foreach (var x in late)
        {
            var c = await db.Customers.FirstAsync(c => c.Id == x.Key, ct);
            c.Status = CustomerStatus.OnHold;
            new Audit.AuditTrail(db, clock, actor).Record("customer.placed_on_hold", "customer", c.Id,
                new { Status = "Active" }, new { Status = "OnHold" }, c.LegalEntityId);
        }
        await db.SaveChangesAsync(ct);
        return late.Count;
    }

    private static int Hash(string text, int seed)
    {
        unchecked
        {
            var h = 17 + seed;
            foreach (var ch in text) h = h * 31 + ch;
            return h & 0x7FFFFFFF;
        }
    }
}
