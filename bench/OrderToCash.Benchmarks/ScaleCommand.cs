using System.Diagnostics;
using System.Globalization;
using System.Text;
using OrderToCash.BankStatements;
using OrderToCash.CashApplication;
using OrderToCash.CashApplication.Benchmark;
using OrderToCash.Customers;
using OrderToCash.Data;
using OrderToCash.LegalEntities;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.Benchmarks;

/// <summary>
/// `scale`: the CLI contract in one process on a fresh SQLite file. A generated world's files go through the same
/// use cases the verbs call (import customers, rates, open items; register the house banks and learned payers;
/// import the statement; `cashapp run`; `export applications`), each step on its own context as each verb opens
/// its own, timed. Next to it, in the same run, the floor: the pure engine alone (index + match in memory on
/// the same world, no database). The exported rows are scored against the truth, so speed never hides a change of
/// result.
/// </summary>
internal static class ScaleCommand
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var o = Options.Parse(args);
        var check = args.Contains("--check");
        // --until STEP: stop after the step whose name starts with STEP (to profile one step without the rest).
        var untilAt = Array.IndexOf(args, "--until");
        var until = untilAt >= 0 && untilAt + 1 < args.Length ? args[untilAt + 1] : null;
        var stopped = false;
        // --keep DIR: work in DIR and keep it; the database as it stands before `cashapp run` is saved there, and a
        // later run with the same DIR starts from it (to profile the run without importing again).
        var keepAt = Array.IndexOf(args, "--keep");
        var keep = keepAt >= 0 && keepAt + 1 < args.Length ? Path.GetFullPath(args[keepAt + 1]) : null;
        var inv = CultureInfo.InvariantCulture;
        var sw = Stopwatch.StartNew();
        var world = WorldGenerator.Generate(o.Seed, o.Customers, o.OpenItems, o.Receipts,
            new WorldOptions { Profile = o.Profile });
        var files = WorldFiles.Of(world, o.Format);
        var statementName = files.Keys.Single(k => k.StartsWith("statement", StringComparison.Ordinal));
        var statement = Encoding.UTF8.GetBytes(files[statementName]);
        Console.WriteLine(string.Create(inv,
            $"world: seed {o.Seed}, {world.Customers.Count} customers, {world.OpenItems.Count} open items, " +
            $"{world.Receipts.Count} statement lines ({o.Format}, {statement.Length / 1048576.0:0.0} MB), " +
            $"generated in {sw.Elapsed.TotalSeconds:0.00} s, {Environment.ProcessorCount} cores"));

        // The floor first, on the same world: the pure engine with everything in memory.
        sw.Restart();
        var index = OpenItemIndex.Build(world.OpenItems, world.Customers);
        var results = new MatchResult[world.Receipts.Count];
        var settings = world.Settings();
        Parallel.For(0, results.Length,
            i => results[i] = Matcher.Propose(world.Receipts[i], index, settings, world.Today));
        var engine = sw.Elapsed;

        // The CLI reads its files from disk: so do the steps. The world is dropped before they start (only the truth
        // is kept for the score), so the working set sampled during a step is the step's own.
        var dir = keep ?? Path.Combine(Path.GetTempPath(), $"o2c-scale-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        foreach (var (name, content) in files) File.WriteAllText(Path.Combine(dir, name), content);
        var (truth, today, banks, learnedAccounts) = (world.Truth, world.Today, world.BankAccounts,
            world.LearnedAccounts);
        (world, files, index, results, statement) = (null!, null!, null!, null!, null!);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        string Read(string name) => File.ReadAllText(Path.Combine(dir, name));

        var path = Path.Combine(dir, "o2c.db");
        var saved = Path.Combine(dir, "before-run.db");
        var resume = keep is not null && File.Exists(saved);
        if (resume)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
            File.Copy(saved, path);
        }
        var clock = new FixedClock(new DateTimeOffset(today.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero));
        var steps = new List<(string Name, TimeSpan Time, string Note)>();
        long peakMb = 0;
        async Task Step(string name, Func<O2cDb, Task<string>> run)
        {
            if (stopped || (resume && name is not ("cashapp run" or "export applications"))) return;
            if (keep is not null && !resume && name == "cashapp run")
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                await using (var vacuum = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
                {
                    await vacuum.OpenAsync();
                    await using var command = vacuum.CreateCommand();
                    command.CommandText = $"VACUUM INTO '{saved}'";
                    await command.ExecuteNonQueryAsync();
                }
            }
            stopped = until is not null && name.StartsWith(until, StringComparison.Ordinal);
            var watch = Stopwatch.StartNew();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            long stepPeak = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    process.Refresh();
                    stepPeak = Math.Max(stepPeak, process.WorkingSet64 / 1048576);
                    try { await Task.Delay(50, sampling.Token); } catch (OperationCanceledException) { }
                }
            });
            await using (var db = await Database.OpenAsync(path))
            {
                var note = await run(db);
                steps.Add((name, watch.Elapsed, note));
                await sampling.CancelAsync();
                await sampler;
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                if (!name.Contains("not counted", StringComparison.Ordinal)) peakMb = Math.Max(peakMb, stepPeak);
                Console.WriteLine(string.Create(inv,
                    $"  {name,-22} {watch.Elapsed.TotalSeconds,8:0.00} s  (cpu {cpu.TotalSeconds,6:0.00} s, " +
                    $"peak {stepPeak,5} MB)  {note}"));
            }
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        static string Result(ImportResult r) => r.IsRefused
            ? throw new InvalidOperationException(string.Join("; ", r.Problems.Take(5)))
            : $"{r.Imported} imported";

        List<ApplicationRow> rows = [];
        try
        {
            await Step("import customers", async db => Result(await new ImportCustomers(db, clock, "bench")
                .ExecuteAsync("customers.csv", Read("customers.csv"), false)));
            await Step("import fx-rates", async db => Result(await new ImportFxRates(db, clock, "bench")
                .ExecuteAsync("rates.csv", Read("rates.csv"), false)));
            await Step("import open-items", async db => Result(await new ImportOpenItems(db, clock, "bench")
                .ExecuteAsync("open_items.csv", Read("open_items.csv"), false)));
            await Step("bank accounts, payers", async db =>
            {
                foreach (var bank in banks)
                    await new RegisterBankAccount(db, clock, "bench").ExecuteAsync(bank.LegalEntityId, bank.Iban,
                        bank.Currency, bank.Bic);
                foreach (var (account, customer) in learnedAccounts)
                    await new LearnPayer(db, clock, "bench").ExecuteAsync(customer, account);
                return $"{banks.Count} accounts, {learnedAccounts.Count} learned payers";
            });
            await Step("import statement", async db =>
            {
                await using var stream = File.OpenRead(Path.Combine(dir, statementName));
                var r = await new ImportStatement(db, clock, "bench").ExecuteAsync(statementName, stream);
                return r.IsRefused ? throw new InvalidOperationException(r.Detail)
                    : $"{r.Statements.Sum(s => s.NewLines)} lines";
            });
            await Step("cashapp run", async db =>
            {
                var s = await new RunCashApplication(db, clock, "cashapp").ExecuteAsync();
                return $"{s.Lines} receipts, {s.Applied} applied, {s.Suggested} suggested";
            });
            await Step("export applications", async db =>
            {
                rows = (await new ExportApplications(db).ExecuteAsync()).ToList();
                var text = ApplicationsCsv.Format(rows);
                return $"{rows.Count} rows, {text.Length / 1048576.0:0.0} MB";
            });
            if (stopped) return 0;
            var total = steps.Aggregate(TimeSpan.Zero, (s, x) => s + x.Time);
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
            if (check)
                await Step("check (not counted)", async db =>
                {
                    var report = await new CheckLedger(db, clock).ExecuteAsync();
                    return report.IsClean ? "clean" : string.Join("; ", report.Violations.Take(5));
                });

            var score = Scorer.Score(truth, rows);
            Console.WriteLine();
            Console.WriteLine(Scorer.Summary("pipeline", score));
            // The goal: the statement's lines imported, matched and posted (and the result exported) against the
            // million open items on file. Loading the customers and the open items themselves is shown apart.
            var goal = steps.Where(s => s.Name is "import statement" or "cashapp run" or "export applications")
                .Aggregate(TimeSpan.Zero, (s, x) => s + x.Time);
            Console.WriteLine(string.Create(inv,
                $"statement + run + export{goal.TotalSeconds,8:0.00} s   target 60 s (100k lines against 1M open items)"));
            Console.WriteLine(string.Create(inv,
                $"total (all CLI steps)   {total.TotalSeconds,8:0.00} s   with loading the customers and open items"));
            Console.WriteLine(string.Create(inv,
                $"engine only (in memory) {engine.TotalSeconds,8:0.00} s   index + match, no database: the floor"));
            Console.WriteLine(string.Create(inv,
                $"peak working set        {peakMb,8} MB   target 2048 MB (sampled every 50 ms during the steps)"));
            Console.WriteLine($"load average at the end of the CLI steps: {load} (other work on the machine)");
            return 0;
        }
        finally
        {
            if (keep is null) Directory.Delete(dir, recursive: true);
        }
    }
}
