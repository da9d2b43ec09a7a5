using System.Diagnostics;
using System.Globalization;
using OrderToCash.CashApplication;
using OrderToCash.CashApplication.Benchmark;

namespace OrderToCash.Benchmarks;

/// <summary>
/// `matching`: generates a world in memory, runs the matcher and the exact-number baseline on every receipt,
/// scores both against the truth and prints them side by side with the time taken.
/// </summary>
internal static class MatchingCommand
{
    public static int Run(string[] args)
    {
        var o = Options.Parse(args);
        var clock = Stopwatch.StartNew();
        var world = WorldGenerator.Generate(o.Seed, o.Customers, o.OpenItems, o.Receipts,
            new WorldOptions { Profile = o.Profile });
        var generated = clock.Elapsed;

        clock.Restart();
        var index = OpenItemIndex.Build(world.OpenItems, world.Customers);
        var indexed = clock.Elapsed;

        var settings = world.Settings();
        var receipts = world.Receipts;
        var ours = new MatchResult[receipts.Count];
        clock.Restart();
        Parallel.For(0, receipts.Count, i => ours[i] = Matcher.Propose(receipts[i], index, settings, world.Today));
        var matched = clock.Elapsed;

        var baseline = new MatchResult[receipts.Count];
        clock.Restart();
        Parallel.For(0, receipts.Count, i => baseline[i] = BaselineMatcher.Propose(receipts[i], index));
        var baselineTime = clock.Elapsed;

        var ourScore = Scorer.Score(world.Truth, Rows(ours, receipts));
        var baseScore = Scorer.Score(world.Truth, Rows(baseline, receipts));
        var bounds = ours.Count(r => r.Bounds.Count > 0);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"world: seed {o.Seed}, profile {o.Profile}, {world.Customers.Count} customers, " +
            $"{world.OpenItems.Count} open items, {receipts.Count} receipts ({Environment.ProcessorCount} cores)"));
        Console.WriteLine();
        Console.WriteLine(Scorer.SideBySide(ourScore, baseScore));
        Console.WriteLine(Scorer.Summary("matcher ", ourScore));
        Console.WriteLine(Scorer.Summary("baseline", baseScore));
        var ratio = baseScore.Total.PerPaymentRate == 0 ? 0m
            : ourScore.Total.PerPaymentRate / baseScore.Total.PerPaymentRate;
        Console.WriteLine(string.Create(inv, $"matcher / baseline per-payment rate: {ratio:0.00}x"));
        Console.WriteLine(string.Create(inv, $"receipts with a reported bound: {bounds}"));
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"generate world   {generated.TotalSeconds,8:0.00} s"));
        Console.WriteLine(string.Create(inv, $"build index      {indexed.TotalSeconds,8:0.00} s  " +
            $"({world.OpenItems.Count / Math.Max(indexed.TotalSeconds, 1e-9):0} items/s)"));
        Console.WriteLine(string.Create(inv, $"match (ours)     {matched.TotalSeconds,8:0.00} s  " +
            $"({receipts.Count / Math.Max(matched.TotalSeconds, 1e-9):0} receipts/s)"));
        Console.WriteLine(string.Create(inv, $"match (baseline) {baselineTime.TotalSeconds,8:0.00} s"));
        Console.WriteLine(string.Create(inv, $"index + match    {(indexed + matched).TotalSeconds,8:0.00} s"));
        Console.WriteLine(string.Create(inv, $"peak working set {peak,8} MB"));
        if (args.Contains("--examples")) Examples(world, ours);
        return 0;
    }

    private static List<ApplicationRow> Rows(MatchResult[] results, IReadOnlyList<Receipt> receipts)
    {
        var rows = new List<ApplicationRow>(results.Length * 2);
        for (var i = 0; i < results.Length; i++) rows.AddRange(ApplicationsCsv.Rows(results[i], receipts[i], i + 1));
        return rows;
    }

    private static bool Same(MatchResult result, TruthEntry truth) =>
        result.Best is { } best && best.Allocations.Select(a => (a.InvoiceNumber, a.Applied.Minor)).Order()
            .SequenceEqual(truth.Invoices.Select(i => (i.InvoiceNumber, i.AppliedMinor)).Order());

    // Misses and mistakes, for whoever tunes the matcher: a few per category.
    private static void Examples(World world, MatchResult[] ours)
    {
        var truth = world.Truth.ToDictionary(t => t.BankReference);
        foreach (var group in world.Receipts.Select((r, i) => (r, res: ours[i], t: truth[r.Id]))
                     .Where(x => x.t.Expectation == Expectation.Apply ? x.res.Status != MatchStatus.AutoApply || !Same(
                         x.res, x.t)
                         : x.t.Expectation == Expectation.MustNotApply && x.res.Status == MatchStatus.AutoApply)
                     .GroupBy(x => x.t.Category))
        {
            foreach (var (r, res, t) in group.Take(4))
            {
                Console.WriteLine($"[{t.Category}] {r.Amount} payer='{r.PayerName}' acct='{r.PayerAccount}' " +
                                  $"text='{r.RemittanceText}' strd='{string.Join(";", r.StructuredReferences)}'");
                var expected = string.Join(", ", t.Invoices.Select(i => i.InvoiceNumber + " " + i.AppliedMinor));
                Console.WriteLine($"   truth {t.CustomerId} {expected}");
                var got = string.Join(", ", res.Best?.Allocations.Select(a => a.InvoiceNumber + " "
                    + a.Applied.Minor) ?? []);
                Console.WriteLine(
                    $"   got {res.Status} {res.Confidence} {res.Customer?.CustomerId} [{got}] '{res.Reason}' " +
                                  $"{string.Join(" | ", res.Bounds)}");
            }
        }
    }
}
