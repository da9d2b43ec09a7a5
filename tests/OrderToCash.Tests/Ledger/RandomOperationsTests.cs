using Microsoft.EntityFrameworkCore;
using OrderToCash.CashApplication;
using OrderToCash.Close;
using OrderToCash.Customers;
using OrderToCash.Data;
using OrderToCash.Invoicing;
using OrderToCash.Ledger;
using OrderToCash.Money;
using Xunit;
using M = OrderToCash.Money.Money;

namespace OrderToCash.Tests.Ledger;

/// <summary>
/// Thousands of random operations through the real use cases, on SQLite and PostgreSQL. After every step: the new
/// entry nets to zero per currency and in the functional currency; every open item it touched equals our own running
/// model and is within its original amount; each account carrying open items equals the sum of its items; the new
/// chain seals verify. Every 1,000 steps and at the end, the full <see cref="CheckLedger"/> runs.
/// The seed is in every failure message; set O2C_RANDOM_SEED to replay one.
/// </summary>
public class RandomOperationsTests(ITestOutputHelper output)
{
    private const int Operations = 10_000;

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Ten_thousand_random_operations_keep_every_invariant(string provider)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("O2C_RANDOM_SEED"), out var s) ? s
            : provider == "sqlite" ? 20260101 : 20260102;
        output.WriteLine($"seed {seed} ({provider}); replay with O2C_RANDOM_SEED={seed}");
        await using var t = await TestDb.CreateAsync(provider);
        var world = new RandomLedgerWorld(t, seed);
        try
        {
            await world.SetUpAsync();
            for (var step = 1; step <= Operations; step++)
            {
                await world.StepAsync(step);
                if (step % 1000 == 0 || step == Operations) await world.FullCheckAsync();
            }
            output.WriteLine(world.Summary());
            Assert.True(world.Posted > Operations / 2, $"too few operations posted: {world.Summary()}");
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed} ({provider}), step {world.CurrentStep} " +
                $"({world.CurrentOperation}): {e.Message}\n{e.StackTrace}");
        }
    }
}

/// <summary>The random world: customers in EUR and USD, and a running model of every open item and account.</summary>
internal sealed class RandomLedgerWorld(TestDb t, int seed)
{
    private readonly Random _random = new(seed);
    private readonly DateOnly _start = new(2025, 1, 1);
    private readonly Dictionary<Guid, long> _itemModel = new();
    private readonly Dictionary<(int, string), long> _accountModel = new();
    private readonly HashSet<int> _carrying = new();
    private readonly List<Guid> _applications = new();
    private readonly List<Guid> _entries = new();
    private readonly Dictionary<string, int> _counts = new();
    private long _lastVerifiedSeal;
    private string _lastHash = ChainHash.Genesis;
    private int _entryCount;
    private int _invoiceNo;
    private string[] _customers = [];

    public int CurrentStep { get; private set; }
    public string CurrentOperation { get; private set; } = "";
    public int Posted { get; private set; }

    public string Summary() =>
        $"{Posted} posted; " + string.Join(", ", _counts.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"));

    public async Task SetUpAsync()
    {
        var db = t.Db;
        for (var m = 0; m < 40; m++)
            db.FxRates.Add(new FxRate { FromCurrency = "USD", ToCurrency = "EUR", Date = _start.AddMonths(m),
                Rate = 0.85m + (m % 7) * 0.013m });
        _customers = Enumerable.Range(1, 25).Select(i => $"C{i:D3}").ToArray();
        foreach (var id in _customers)
            db.Customers.Add(new Customer { Id = id, Name = "Customer " + id, LegalEntityId = "DEFAULT",
                Currency = id.EndsWith('5') ? "USD" : "EUR" });
        await db.SaveChangesAsync();
        foreach (var a in await db.Accounts.AsNoTracking().ToListAsync())
            if (AccountRoles.CarriesOpenItems(a.Role)) _carrying.Add(a.Id);
    }

    private DateOnly Today => _start.AddDays(CurrentStep / 12);

    public async Task StepAsync(int step)
    {
        CurrentStep = step;
        var db = t.Fresh();
        var roll = _random.Next(100);
        (string Name, Func<O2cDb, Task<PostingOutcome?>> Run) op = roll switch
        {
            < 30 => ("invoice", Invoice),
            < 36 => ("credit_memo", CreditMemo),
            < 58 => ("receipt", Receipt),
            < 80 => ("apply", Apply),
            < 85 => ("unapply", Unapply),
            < 89 => ("reverse", Reverse),
            < 94 => ("write_off", WriteOffSome),
            < 98 => ("refund", Refund),
            _ => ("fx_revaluation", Revalue),
        };
        CurrentOperation = op.Name;
        var before = _entryCount;
        var outcome = await op.Run(db);
        db.ChangeTracker.Clear();
        var count = await db.JournalEntries.CountAsync();
        if (outcome is null || !outcome.IsPosted)
        {
            Assert.Equal(before, count); // a refusal writes nothing
            Count(op.Name + (outcome is null ? " (nothing to do)" : $" refused {outcome.Error}"));
            return;
        }
        Posted++;
        Count(op.Name);
        var newEntries = await db.JournalEntries.AsNoTracking()
            .Where(e => e.Id == outcome.EntryId || e.ReversesEntryId == outcome.EntryId).ToListAsync();
        await SealChain.LoadLinesAsync(db, newEntries, default);
        Assert.Equal(count - before, newEntries.Count);
        _entryCount = count;
        foreach (var entry in newEntries) await VerifyEntryAsync(db, entry);
        await VerifyChainAsync();
    }

    private async Task VerifyEntryAsync(O2cDb db, JournalEntry entry)
    {
        _entries.Add(entry.Id);
        foreach (var g in entry.Lines.GroupBy(l => l.Currency))
            Assert.True(g.Sum(l => l.AmountMinor) == 0, $"entry {entry.Kind} does not net to zero in {g.Key}");
        Assert.True(entry.Lines.Sum(l => l.FunctionalMinor) == 0,
            $"entry {entry.Kind} does not net to zero functionally");
        foreach (var l in entry.Lines)
        {
            _accountModel[(l.AccountId, l.Currency)] =
                _accountModel.GetValueOrDefault((l.AccountId, l.Currency)) + l.AmountMinor;
            if (l.OpenItemId is { } id) _itemModel[id] = _itemModel.GetValueOrDefault(id) + l.AmountMinor;
        }
        var touched = entry.Lines.Where(l => l.OpenItemId != null).Select(l => l.OpenItemId!.Value).Distinct().ToList();
        var items = await db.OpenItems.AsNoTracking().Where(o => touched.Contains(o.Id)).ToListAsync();
        foreach (var item in items)
        {
            Assert.True(_itemModel[item.Id] == item.OpenMinor,
                $"{item.Number}: db {item.OpenMinor}, lines {_itemModel[item.Id]}");
            var within = item.OriginalMinor >= 0 ? item.OpenMinor >= 0 && item.OpenMinor <= item.OriginalMinor
                                                 : item.OpenMinor <= 0 && item.OpenMinor >= item.OriginalMinor;
            Assert.True(within, $"{item.Kind} {item.Number} over-applied: {item.OpenMinor} of {item.OriginalMinor}");
        }
        // AR control (and every item-carrying account) = Σ open items, from the running model of both sides.
        var itemAccounts = await db.OpenItems.AsNoTracking().Where(o => touched.Contains(o.Id))
            .Select(o => new { o.Id, o.AccountId, o.Currency }).ToListAsync();
        foreach (var key in itemAccounts.Select(i => (i.AccountId, i.Currency)).Distinct())
        {
            var sumItems = await db.OpenItems.Where(o => o.AccountId == key.AccountId && o.Currency == key.Currency)
                .SumAsync(o => o.OpenMinor);
            Assert.True(_accountModel.GetValueOrDefault(key) == sumItems,
                $"account {key.AccountId} {key.Currency}: ledger {_accountModel.GetValueOrDefault(key)}, " +
                $"items {sumItems}");
        }
    }

    private async Task VerifyChainAsync()
    {
        await using var sealer = t.NewContext();
        await new SealChain(sealer, t.Clock).ExecuteAsync();
        var seals = await sealer.ChainSeals.AsNoTracking().Where(s => s.Sequence > _lastVerifiedSeal)
            .OrderBy(s => s.Sequence).ToListAsync();
        foreach (var seal in seals)
        {
            var entry = await sealer.JournalEntries.AsNoTracking().FirstAsync(e => e.Id == seal.EntryId);
            await SealChain.LoadLinesAsync(sealer, [entry], default);
            Assert.Equal(_lastVerifiedSeal + 1, seal.Sequence);
            Assert.Equal(_lastHash, seal.PreviousHash);
            Assert.Equal(ChainHash.Compute(entry, seal.Sequence, _lastHash), seal.Hash);
            _lastHash = seal.Hash;
            _lastVerifiedSeal = seal.Sequence;
        }
        Assert.Equal(_entryCount, _lastVerifiedSeal);
    }

    public async Task FullCheckAsync()
    {
        await using var db = t.NewContext();
        var report = await new CheckLedger(db, t.Clock).ExecuteAsync();
        Assert.True(report.IsClean, string.Join("\n", report.Violations.Select(v => $"{v.Invariant}: {v.Detail}")));
        foreach (var ((account, currency), expected) in _accountModel.Where(k => _carrying.Contains(k.Key.Item1)))
        {
            var items = await db.OpenItems.Where(o => o.AccountId == account && o.Currency == currency)
                .SumAsync(o => o.OpenMinor);
            Assert.Equal(expected, items);
        }
    }

    private void Count(string name) => _counts[name] = _counts.GetValueOrDefault(name) + 1;

    private string RandomCustomer() => _customers[_random.Next(_customers.Length)];
    private static Currency CurrencyOf(string customer) => customer.EndsWith('5') ? Currency.USD : Currency.EUR;

    private async Task<PostingOutcome?> Invoice(O2cDb db)
    {
        var customer = RandomCustomer();
        var c = CurrencyOf(customer);
        var net = new M(_random.Next(1, 500_000), c);
        var tax = net.Multiply(0.19m, MidpointRounding.AwayFromZero);
        return await new IssueInvoice(db, t.Clock, "random").ExecuteAsync(new InvoiceRequest(Guid.NewGuid(), customer,
            $"INV-{++_invoiceNo:D6}", null, Today, Today.AddDays(30), net, tax));
    }

    private async Task<OpenItem?> RandomItemAsync(O2cDb db, OpenItemKind kind, bool open = true)
    {
        var query = db.OpenItems.AsNoTracking().Where(o => o.Kind == kind);
        if (open) query = query.Where(o => o.OpenMinor != 0);
        var n = await query.CountAsync();
        return n == 0 ? null : await query.OrderBy(o => o.Id).Skip(_random.Next(n)).FirstAsync();
    }

    private async Task<PostingOutcome?> CreditMemo(O2cDb db)
    {
        var invoice = await RandomItemAsync(db, OpenItemKind.Invoice);
        if (invoice is null) return null;
        var c = Currency.Of(invoice.Currency);
        // Sometimes more than is open, to prove the refusal.
        var amount = _random.Next(4) == 0 ? invoice.OpenMinor + 1 : Math.Max(1, invoice.OpenMinor / _random.Next(1, 5));
        return await new IssueCreditMemo(db, t.Clock, "random").ExecuteAsync(new CreditMemoRequest(Guid.NewGuid(),
            invoice.CustomerId, $"CM-{++_invoiceNo:D6}", Today, new M(amount, c), M.Zero(c), invoice.Number, "random"));
    }

    private async Task<PostingOutcome?> Receipt(O2cDb db)
    {
        var customer = _random.Next(10) == 0 ? null : RandomCustomer();
        var c = customer is null ? Currency.EUR : CurrencyOf(customer);
        var (outcome, _) = await new RecordReceipt(db, t.Clock, "random").ExecuteAsync(new ReceiptRequest(
            Guid.NewGuid(), "DEFAULT", customer, $"R{CurrentStep}", Today, new M(_random.Next(1, 800_000), c)));
        return outcome;
    }

    private async Task<PostingOutcome?> Apply(O2cDb db)
    {
        var receipt = await RandomItemAsync(db, OpenItemKind.Receipt);
        if (receipt is null) return null;
        var invoices = await db.OpenItems.AsNoTracking().Where(o => o.Kind == OpenItemKind.Invoice && o.OpenMinor > 0
            && o.Currency == receipt.Currency && o.CustomerId == receipt.CustomerId).Take(5).ToListAsync();
        if (invoices.Count == 0) return null;
        var left = -receipt.OpenMinor;
        var allocations = new List<Settlement>();
        foreach (var inv in invoices.Take(_random.Next(1, 4)))
        {
            var applied = Math.Min(left, _random.Next(3) == 0 ? inv.OpenMinor / 2 + 1 : inv.OpenMinor);
            if (_random.Next(15) == 0) applied = inv.OpenMinor + 1; // an over-application, which must be refused
            var discount = _random.Next(6) == 0 && applied < inv.OpenMinor ? Math.Min(inv.OpenMinor - applied, 100) : 0;
            if (applied <= 0) break;
            allocations.Add(new Settlement(inv.Id, applied, discount));
            left -= applied;
        }
        if (allocations.Count == 0) return null;
        var id = Guid.NewGuid();
        var outcome = await new ApplyCash(db, t.Clock, "random")
            .ExecuteAsync(new ApplyRequest(id, receipt.Id, Today, allocations));
        if (outcome.IsPosted) _applications.Add(id);
        return outcome;
    }

    private async Task<PostingOutcome?> Unapply(O2cDb db)
    {
        if (_applications.Count == 0) return null;
        var id = _applications[_random.Next(_applications.Count)];
        return await new ReverseEntry(db, t.Clock, "random").ExecuteAsync(Guid.NewGuid(), id, Today, "random unapply",
            "application");
    }

    private async Task<PostingOutcome?> Reverse(O2cDb db)
    {
        if (_entries.Count == 0) return null;
        var id = _entries[_random.Next(_entries.Count)];
        return await new ReverseEntry(db, t.Clock, "random").ExecuteAsync(Guid.NewGuid(), id, Today, "random reversal");
    }

    private async Task<PostingOutcome?> WriteOffSome(O2cDb db)
    {
        var invoice = await RandomItemAsync(db, OpenItemKind.Invoice);
        if (invoice is null) return null;
        var amount = _random.Next(5) == 0
            ? invoice.OpenMinor + 1 : Math.Max(1, invoice.OpenMinor / _random.Next(1, 20));
        return await new WriteOff(db, t.Clock, "random").ExecuteAsync(new WriteOffRequest(Guid.NewGuid(), invoice.Id,
            new M(amount, Currency.Of(invoice.Currency)), Today, "random", _random.Next(2) == 0));
    }

    private async Task<PostingOutcome?> Refund(O2cDb db)
    {
        var receipt = await RandomItemAsync(db, OpenItemKind.Receipt);
        if (receipt is null) return null;
        var amount = _random.Next(5) == 0
            ? -receipt.OpenMinor + 1 : Math.Max(1, -receipt.OpenMinor / _random.Next(1, 4));
        return await new RefundCredit(db, t.Clock, "random")
            .ExecuteAsync(Guid.NewGuid(), receipt.Id, amount, Today, "random");
    }

    private async Task<PostingOutcome?> Revalue(O2cDb db)
    {
        var (outcome, _) = await new RevalueForeignCurrency(db, t.Clock, "random").ExecuteAsync("DEFAULT", Today,
            Guid.NewGuid(), Guid.NewGuid());
        return outcome.Error == LedgerError.NoLines ? null : outcome;
    }
}
