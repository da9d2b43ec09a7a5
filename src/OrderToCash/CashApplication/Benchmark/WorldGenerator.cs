using System.Globalization;
using OrderToCash.Money;

namespace OrderToCash.CashApplication.Benchmark;

using Money = OrderToCash.Money.Money;

/// <summary>
/// Generates a benchmark world: customers of three legal entities, their open items, a day's bank receipts
/// covering every matching case in realistic shares, and the truth for each receipt. Deterministic per seed.
/// </summary>
/// <remarks>
/// Entities: DE01 (EUR), US01 (USD), CN01 (CNY). Open items are spread over customers with a long tail (a few
/// customers have hundreds of items). Amounts are log-uniform with some round recurring amounts. Probabilities are
/// integers per mille; the generator draws from one <see cref="Random"/> seeded by the caller.
/// </remarks>
public static partial class WorldGenerator
{
    private sealed record EntitySpec(string Id, Currency Currency, string Country, string[] Suffixes);

    private static readonly EntitySpec[] Entities =
    [
        new("DE01", Currency.EUR, "DE", ["GmbH", "AG", "GmbH & Co. KG", "B.V.", "S.A.S.", "S.r.l.", "SE"]),
        new("US01", Currency.USD, "US", ["Inc.", "LLC", "Corp.", "Ltd.", "Co."]),
        new("CN01", Currency.CNY, "CN", ["有限公司", "股份有限公司"]),
    ];

    // Share of customers per entity, per mille.
    private static readonly int[] EntityShare = [550, 350, 100];

    private sealed class Builder(Random rng, WorldOptions options)
    {
        public Random Rng { get; } = rng;
        public WorldOptions Options { get; } = options;
        public List<CustomerView> Customers { get; } = [];
        public List<string> BaseNames { get; } = [];
        public List<string> Suffixes { get; } = [];
        public List<OpenItemView> Items { get; } = [];
        public List<List<int>> ItemsByCustomer { get; } = [];
        public HashSet<int> Used { get; } = [];
        public List<Receipt> Receipts { get; } = [];
        public List<TruthEntry> Truth { get; } = [];
        public List<KeyValuePair<string, string>> LearnedAccounts { get; } = [];
        public List<KeyValuePair<string, string>> LearnedNames { get; } = [];
        public Dictionary<string, List<int>> CustomersByEntity { get; } = [];
        public int NextReceipt { get; set; }
        public bool Harsh => Options.Profile == NoiseProfile.Harsh;
    }

    public static World Generate(int seed, int customers, int openItems, int receipts, WorldOptions? options = null)
    {
        options ??= new WorldOptions();
        var b = new Builder(new Random(seed), options);
        if (customers <= 0) customers = Math.Max(20, openItems / 20);
        MakeCustomers(b, customers);
        MakeItems(b, openItems);
        MakeReceipts(b, receipts);
        return new World(b.Customers, b.Items, b.Receipts, b.Truth, b.LearnedAccounts, b.LearnedNames, Rates(options),
            HouseAccounts(), options.Today);
    }

    public static IReadOnlyList<ExchangeRate> Rates(WorldOptions options) =>
    [
        new(Currency.EUR, Currency.USD, options.Today.AddDays(-30), 1.0850m),
        new(Currency.USD, Currency.CNY, options.Today.AddDays(-30), 7.1800m),
        new(Currency.EUR, Currency.CNY, options.Today.AddDays(-30), 7.7900m),
    ];

    private static IReadOnlyList<EntityAccount> HouseAccounts() =>
    [
        new("DE01", Currency.EUR, "DE89370400440532013000", "COBADEFFXXX"),
        new("DE01", Currency.USD, "DE62370400440532013001", "COBADEFFXXX"),
        new("US01", Currency.USD, "US64SVBKUS6S3300958879", "SVBKUS6SXXX"),
        new("US01", Currency.EUR, "US13SVBKUS6S3300958880", "SVBKUS6SXXX"),
        new("CN01", Currency.CNY, "CN12BKCHCNBJ1100000001", "BKCHCNBJXXX"),
        new("CN01", Currency.USD, "CN85BKCHCNBJ1100000002", "BKCHCNBJXXX"),
    ];

    private static void MakeCustomers(Builder b, int count)
    {
        var seen = new HashSet<string>();
        for (var c = 0; c < count; c++)
        {
            var roll = b.Rng.Next(1000);
            var e = roll < EntityShare[0] ? 0 : roll < EntityShare[0] + EntityShare[1] ? 1 : 2;
            var spec = Entities[e];
            string baseName, suffix;
            var tries = 0;
            do
            {
                (baseName, suffix) = NewName(b, spec, tries++ > 5);
            } while (!seen.Add(spec.Id + "|" + Names.Key(baseName)) && tries < 50);
            var aliases = new List<string>();
            if (Noise.Chance(b.Rng, 150)) aliases.Add(Alias(b, baseName, spec));
            var accounts = new List<string>();
            var accountCount = b.Rng.Next(100) switch { < 5 => 0, < 88 => 1, _ => 2 };
            for (var k = 0; k < accountCount; k++) accounts.Add(NewAccount(b.Rng, spec.Country));
            var id = $"C{spec.Id[..2]}{c + 1:D6}";
            b.Customers.Add(new CustomerView(id, spec.Id, (baseName + " " + suffix).Trim(), aliases, accounts));
            b.BaseNames.Add(baseName);
            b.Suffixes.Add(suffix);
            b.ItemsByCustomer.Add([]);
            if (!b.CustomersByEntity.TryGetValue(spec.Id, out var list)) b.CustomersByEntity[spec.Id] = list = [];
            list.Add(c);
        }
    }

    private static (string BaseName, string Suffix) NewName(Builder b, EntitySpec spec, bool longer)
    {
        var rng = b.Rng;
        var suffix = Noise.Pick(rng, spec.Suffixes);
        if (spec.Country == "CN")
        {
            var cn = Noise.Pick(rng, Noise.CnCities) + Noise.Pick(rng, Noise.CnWords) +
                     (longer ? Noise.Pick(rng, Noise.CnWords) : "") + Noise.Pick(rng, Noise.CnTrades);
            return (cn, suffix);
        }
        var words = new List<string> { Noise.Pick(rng, Noise.Surnames) };
        if (longer || Noise.Chance(rng, 300)) words.Add(Noise.Pick(rng, Noise.Surnames));
        words.Add(Noise.Pick(rng, Noise.Trades));
        if (Noise.Chance(rng, 600)) words.Add(Noise.Pick(rng, Noise.Kinds));
        if (longer || Noise.Chance(rng, 250)) words.Add(Noise.Pick(rng, Noise.Cities));
        return (string.Join(' ', words.Distinct()), suffix);
    }

    private static string Alias(Builder b, string baseName, EntitySpec spec)
    {
        if (spec.Country == "CN") return Noise.Pick(b.Rng, Noise.Surnames) + " " + Noise.Pick(b.Rng, Noise.Trades)
            + " China";
        var first = baseName.Split(' ')[0];
        return first + " " + Noise.Pick(b.Rng, Noise.Kinds) + " " + Noise.Pick(b.Rng, Noise.Cities);
    }

    internal static string NewAccount(Random rng, string country)
    {
        if (country == "DE") return Iban("DE", Digits(rng, 18));
        if (country == "CN") return "6222" + Digits(rng, 15);
        return Digits(rng, 9) + " " + Digits(rng, 10);
    }

    private static string Digits(Random rng, int n)
    {
        var chars = new char[n];
        for (var i = 0; i < n; i++) chars[i] = (char)('0' + rng.Next(10));
        return new string(chars);
    }

    // ISO 13616 check digits: move country + "00" to the end, letters to numbers, 98 - mod 97.
    private static string Iban(string country, string bban)
    {
        var rearranged = bban + (country[0] - 'A' + 10) + (country[1] - 'A' + 10) + "00";
        var mod = 0;
        foreach (var ch in rearranged) mod = (mod * 10 + (ch - '0')) % 97;
        return country + (98 - mod).ToString("D2", CultureInfo.InvariantCulture) + bban;
    }

    private static void MakeItems(Builder b, int count)
    {
        var n = b.Customers.Count;
        var sequence = new Dictionary<string, int>();
        for (var i = 0; i < count; i++)
        {
            // A long tail: u * (0.15 + 0.85u) puts several times the average on the first customers;
            // every customer gets at least one item.
            var u = b.Rng.Next(1_000_000) / 1_000_000m;
            var c = i < n ? i : Math.Min(n - 1, (int)(n * u * (0.15m + 0.85m * u)));
            var customer = b.Customers[c];
            var spec = Entities.First(e => e.Id == customer.LegalEntityId);
            sequence[spec.Id] = sequence.GetValueOrDefault(spec.Id) + 1 + b.Rng.Next(3);
            var document = b.Options.Today.AddDays(-b.Rng.Next(5, 150));
            var original = NewAmount(b.Rng, spec.Currency);
            var open = Noise.Chance(b.Rng, 100) ? original.Multiply(b.Rng.Next(20, 90) / 100m,
                MidpointRounding.AwayFromZero)
                : original;
            var hasDiscount = Noise.Chance(b.Rng, 200);
            var item = new OpenItemView(NewGuid(b.Rng), spec.Id, customer.Id, InvoiceNumber(b, spec, document,
                sequence[spec.Id]),
                Noise.Chance(b.Rng, 600) ? PoNumber(b.Rng) : "", document, document.AddDays(30), open, original,
                hasDiscount ? 2m : null, hasDiscount ? document.AddDays(10) : null);
            b.Items.Add(item);
            b.ItemsByCustomer[c].Add(i);
        }
    }

    private static string InvoiceNumber(Builder b, EntitySpec spec, DateOnly date, int seq)
    {
        var year = date.Year;
        if (b.Harsh)
        {
            return spec.Country switch
            {
                "DE" => $"{year}/AR/{seq:D7}",
                "US" => $"{seq + 70_000_000}",
                _ => $"INV-CN-{year % 100:D2}{seq:D6}",
            };
        }
        return spec.Country switch
        {
            "DE" => $"RE-{year}-{seq:D6}",
            "US" => $"INV{seq:D7}",
            _ => $"FP{year}{seq:D7}",
        };
    }

    private static string PoNumber(Random rng) =>
        rng.Next(2) == 0 ? "45" + Digits(rng, 8) : "PO-" + Digits(rng, 6);

    private static Money NewAmount(Random rng, Currency currency)
    {
        var scale = currency == Currency.CNY ? 7 : 1;
        if (Noise.Chance(rng, 40))
            return new Money(Noise.Pick(rng, [10_000L, 25_000, 50_000, 100_000, 150_000, 250_000]) * scale, currency);
        // Log-uniform from 20.00 to about 50,000.00: pick a decade, then a value in it.
        var low = Noise.Pick(rng, [2_000L, 20_000L, 200_000L, 2_000_000L]);
        return new Money((low + rng.NextInt64(low * 9 / 4)) * scale, currency);
    }

    private static Guid NewGuid(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }
}
