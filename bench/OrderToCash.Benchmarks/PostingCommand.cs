using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.Benchmarks;

/// <summary>
/// Posting throughput through the real <see cref="Journal"/> (balanced 3-line entries: Dr bank / Cr revenue /
/// Cr tax), batched and one entry per transaction, next to a raw batched insert of the same rows into the same
/// database in the same run. Durable settings: SQLite WAL with synchronous=FULL; PostgreSQL with fsync and
/// synchronous_commit on (as the server runs by default).
/// </summary>
internal static class PostingCommand
{
    private const int Batch = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
            if (args[i].StartsWith("--", StringComparison.Ordinal))
                map[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                    ? args[++i]
                    : "true";
        var entries = int.Parse(map.GetValueOrDefault("entries", "20000"), CultureInfo.InvariantCulture);
        var writers = int.Parse(map.GetValueOrDefault("writers", "16"), CultureInfo.InvariantCulture);
        var pg = map.GetValueOrDefault("pg") ?? Environment.GetEnvironmentVariable("O2C_BENCH_PG");
        Console.WriteLine($"posting benchmark: {entries} entries of 3 lines; {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"database",-12} {"mode",-34} {"entries/s",10} {"vs raw",8}");
        if (!map.ContainsKey("pg-only"))
        {
            // A fresh file per mode, so no mode pays for another's checkpoints and index growth.
            var files = new List<string>();
            string Fresh()
            {
                var path = Path.Combine(Path.GetTempPath(), $"o2c-bench-{Guid.NewGuid():N}.db");
                files.Add(path);
                return path;
            }
            var raw = await RawSqliteAsync(Fresh(), entries);
            Report("SQLite", "raw batched insert (baseline)", raw, raw);
            Report("SQLite", $"Journal, batched ({Batch}/transaction)", await JournalBatchedAsync(Fresh(), entries),
                raw);
            Report("SQLite", "Journal, one entry per transaction",
                await JournalSingleAsync(Fresh(), Math.Min(entries, 3000), 1), raw);
            Console.WriteLine($"{"",12} settings: journal_mode={await PragmaAsync(files[0], "journal_mode")}, " +
                              $"synchronous={await PragmaAsync(files[0], "synchronous")} (2 = FULL)");
            SqliteConnection.ClearAllPools();
            foreach (var f in files.SelectMany(f => new[] { f, f + "-wal", f + "-shm" })) File.Delete(f);
        }
        if (pg is not null && !map.ContainsKey("sqlite-only"))
        {
            var target = await CreatePgDatabaseAsync(pg);
            var raw = await RawPostgresAsync(target, entries);
            Report("PostgreSQL", "raw batched insert (baseline)", raw, raw);
            Report("PostgreSQL", $"Journal, batched ({Batch}/transaction)",
                await JournalBatchedAsync(target, entries), raw);
            Report("PostgreSQL", $"Journal, 1/transaction, {writers} writers",
                await JournalSingleAsync(target, entries, writers), raw);
            Report("PostgreSQL", "Journal, 1/transaction, 1 writer",
                await JournalSingleAsync(target, Math.Min(entries, 5000), 1), raw);
            await using var conn = new NpgsqlConnection(target);
            await conn.OpenAsync();
            var settings = new List<string>();
            foreach (var name in new[] { "fsync", "synchronous_commit", "wal_sync_method", "commit_delay" })
            {
                await using var cmd = new NpgsqlCommand($"SHOW {name}", conn);
                settings.Add($"{name}={await cmd.ExecuteScalarAsync()}");
            }
            Console.WriteLine($"{"",12} settings: {string.Join(", ", settings)}");
        }
        return 0;
    }

    private static void Report(string db, string mode, double rate, double raw) =>
        Console.WriteLine($"{db,-12} {mode,-34} {rate,10:N0} {rate / raw,8:P0}");

    private static async Task<string> PragmaAsync(string path, string name)
    {
        await using var conn = new SqliteConnection($"Data Source={path}");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    private static async Task<string> CreatePgDatabaseAsync(string server)
    {
        var name = "o2c_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 64 }.ToString();
    }

    private static async Task<(int Bank, int Revenue, int Tax)> AccountsAsync(O2cDb db) =>
        ((await db.Accounts.FirstAsync(a => a.Role == AccountRole.Bank)).Id,
         (await db.Accounts.FirstAsync(a => a.Role == AccountRole.Revenue)).Id,
         (await db.Accounts.FirstAsync(a => a.Role == AccountRole.TaxPayable)).Id);

    private static PostingLine[] Lines((int Bank, int Revenue, int Tax) a, int i)
    {
        var net = 10_000 + i % 5000;
        var tax = net * 19 / 100;
        return
        [
            new PostingLine(a.Bank, new Money.Money(net + tax, Currency.EUR)),
            new PostingLine(a.Revenue, new Money.Money(-net, Currency.EUR)),
            new PostingLine(a.Tax, new Money.Money(-tax, Currency.EUR)),
        ];
    }

    private static async Task<double> JournalBatchedAsync(string target, int entries)
    {
        await using var db = await Database.OpenAsync(target);
        var accounts = await AccountsAsync(db);
        var date = new DateOnly(2026, 6, 1);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < entries; start += Batch)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var journal = new Journal(db, TimeProvider.System, "bench");
            for (var i = start; i < Math.Min(entries, start + Batch); i++)
            {
                var (entry, error, detail) = await journal.PostAsync(Guid.NewGuid(), "DEFAULT", date, "bench", "bench",
                    Lines(accounts, i), isFreshId: true);
                if (entry is null) throw new InvalidOperationException($"{error}: {detail}");
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            db.ChangeTracker.Clear();
        }
        return entries / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> JournalSingleAsync(string target, int entries, int writers)
    {
        (int, int, int) accounts;
        await using (var setup = await Database.OpenAsync(target)) accounts = await AccountsAsync(setup);
        var date = new DateOnly(2026, 6, 2);
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            await using var db = Database.Create(target);
            var journal = new Journal(db, TimeProvider.System, "bench");
            int i;
            while ((i = Interlocked.Increment(ref next)) < entries)
            {
                // A client-generated id, checked for a retry, as an API request would be.
                var (entry, error, detail) = await journal.PostAsync(Guid.NewGuid(), "DEFAULT", date, "bench", "bench",
                    Lines(accounts, i));
                if (entry is null) throw new InvalidOperationException($"{error}: {detail}");
                await db.SaveChangesAsync();
            }
        })));
        return entries / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> RawSqliteAsync(string path, int entries)
    {
        await using (await Database.OpenAsync(path)) { }
        await using var conn = new SqliteConnection($"Data Source={path}");
        await conn.OpenAsync();
        await using (var fk = conn.CreateCommand())
        {
            // As EF Core opens its connections: foreign keys enforced.
            fk.CommandText = "PRAGMA foreign_keys = ON";
            await fk.ExecuteNonQueryAsync();
        }
        int bank, revenue, tax;
        await using (var a = conn.CreateCommand())
        {
            a.CommandText =
                "SELECT \"Id\" FROM accounts WHERE \"Role\" IN ('Bank','Revenue','TaxPayable') ORDER BY \"Code\"";
            await using var r = await a.ExecuteReaderAsync();
            var ids = new List<int>();
            while (await r.ReadAsync()) ids.Add(r.GetInt32(0));
            (bank, revenue, tax) = (ids[0], ids[2], ids[1]);
        }
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < entries; start += Batch)
        {
            await using var tx = await conn.BeginTransactionAsync();
            await using var e = conn.CreateCommand();
            e.Transaction = (SqliteTransaction)tx;
            e.CommandText = "INSERT INTO journal_entries (\"Id\",\"LegalEntityId\",\"PostingDate\",\"Kind\",\"Memo\"," +
                            "\"CreatedAt\",\"CreatedBy\") " +
                            "VALUES ($id,'DEFAULT','2026-06-03','raw','raw',$at,'bench')";
            var eid = e.Parameters.Add("$id", SqliteType.Text);
            e.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.UtcTicks);
            await using var l = conn.CreateCommand();
            l.Transaction = (SqliteTransaction)tx;
            l.CommandText = "INSERT INTO journal_lines (\"EntryId\",\"LineNo\",\"AccountId\",\"Currency\"," +
                            "\"AmountMinor\",\"FunctionalMinor\") " +
                            "VALUES ($e,$n,$a,'EUR',$m,$m)";
            var le = l.Parameters.Add("$e", SqliteType.Text);
            var ln = l.Parameters.Add("$n", SqliteType.Integer);
            var la = l.Parameters.Add("$a", SqliteType.Integer);
            var lm = l.Parameters.Add("$m", SqliteType.Integer);
            for (var i = start; i < Math.Min(entries, start + Batch); i++)
            {
                var id = Guid.NewGuid().ToString().ToUpperInvariant();
                eid.Value = id;
                await e.ExecuteNonQueryAsync();
                var net = 10_000 + i % 5000;
                var t = net * 19 / 100;
                foreach (var (n, account, amount) in new[] { (1, bank, net + t), (2, revenue, -net), (3, tax, -t) })
                {
                    le.Value = id; ln.Value = n; la.Value = account; lm.Value = amount;
                    await l.ExecuteNonQueryAsync();
                }
            }
            await tx.CommitAsync();
        }
        return entries / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> RawPostgresAsync(string target, int entries)
    {
        await using (await Database.OpenAsync(target)) { }
        await using var conn = new NpgsqlConnection(target);
        await conn.OpenAsync();
        var ids = new List<int>();
        await using (var a = new NpgsqlCommand(
            "SELECT \"Id\" FROM accounts WHERE \"Role\" IN ('Bank','Revenue','TaxPayable') ORDER BY \"Code\"", conn))
        await using (var r = await a.ExecuteReaderAsync())
            while (await r.ReadAsync()) ids.Add(r.GetInt32(0));
        var (bank, tax, revenue) = (ids[0], ids[1], ids[2]);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < entries; start += Batch)
        {
            await using var tx = await conn.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(conn, tx);
            for (var i = start; i < Math.Min(entries, start + Batch); i++)
            {
                var id = Guid.NewGuid();
                var e = new NpgsqlBatchCommand(
                    "INSERT INTO journal_entries (\"Id\",\"LegalEntityId\",\"PostingDate\",\"Kind\",\"Memo\"," +
                    "\"CreatedAt\",\"CreatedBy\") " +
                    "VALUES ($1,'DEFAULT','2026-06-03','raw','raw',now(),'bench')");
                e.Parameters.Add(new NpgsqlParameter { Value = id });
                batch.BatchCommands.Add(e);
                var net = 10_000L + i % 5000;
                var t = net * 19 / 100;
                var l = new NpgsqlBatchCommand(
                    "INSERT INTO journal_lines (\"EntryId\",\"LineNo\",\"AccountId\",\"Currency\"," +
                    "\"AmountMinor\",\"FunctionalMinor\") " +
                    "VALUES ($1,1,$2,'EUR',$3,$3),($1,2,$4,'EUR',$5,$5),($1,3,$6,'EUR',$7,$7)");
                foreach (var v in new object[] { id, bank, net + t, revenue, -net, tax, -t })
                    l.Parameters.Add(new NpgsqlParameter { Value = v });
                batch.BatchCommands.Add(l);
            }
            await batch.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
        return entries / watch.Elapsed.TotalSeconds;
    }
}
