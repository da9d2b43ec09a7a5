using System.Diagnostics;
using System.Globalization;
using System.Xml;
using BenchmarkDotNet.Running;
using OrderToCash.BankStatements;
using OrderToCash.Benchmarks;
using OrderToCash.Data;

namespace OrderToCash.Benchmarks;

/// <summary>Macro benchmarks of the statement pipeline: parse throughput and import rate.</summary>
internal static class StatementBench
{
    internal static void Parse(int mb)
    {
        var target = mb * 1024L * 1024L;
        var (camt, camtEntries) = StatementFiles.Camt053(target);
        var (mt940, mtEntries) = StatementFiles.Mt940(target);
        var (bai2, baiEntries) = StatementFiles.Bai2(target);
        Console.WriteLine($"camt.053: {camt.Length / 1e6:F1} MB, {camtEntries:N0} entries; " +
            $"MT940: {mt940.Length / 1e6:F1} MB, {mtEntries:N0} entries; " +
            $"BAI2: {bai2.Length / 1e6:F1} MB, {baiEntries:N0} entries");
        Report("camt.053 baseline: XmlReader, no work", camt, () => XmlBaseline(camt));
        Report("camt.053 StatementParser", camt, () => Count(camt, "bench.xml"));
        Report("MT940 baseline: read lines, no work", mt940, () => LineBaseline(mt940));
        Report("MT940 StatementParser", mt940, () => Count(mt940, "bench.sta"));
        Report("BAI2 baseline: read lines, no work", bai2, () => LineBaseline(bai2));
        Report("BAI2 StatementParser", bai2, () => Count(bai2, "bench.bai"));
    }

    internal static void Report(string name, byte[] bytes, Func<long> run)
    {
        run(); // warm-up: JIT and caches
        var best = TimeSpan.MaxValue;
        long result = 0;
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            result = run();
            sw.Stop();
            if (sw.Elapsed < best) best = sw.Elapsed;
        }
        Console.WriteLine($"{name,-42} {bytes.Length / 1e6 / best.TotalSeconds,8:F1} MB/s  " +
            $"({best.TotalMilliseconds:F0} ms, {result:N0} items; 3 runs: GC gen0/1/2 " +
            $"{GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/" +
            $"{GC.CollectionCount(2) - gcs.Item3}, " +
            $"paused {(GC.GetTotalPauseDuration() - gcs.Item4).TotalMilliseconds:F0} ms)");
    }

    internal static long XmlBaseline(byte[] bytes)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { IgnoreWhitespace = true });
        long nodes = 0;
        while (reader.Read()) nodes++;
        return nodes;
    }

    internal static long LineBaseline(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes));
        long lines = 0;
        while (reader.ReadLine() is not null) lines++;
        return lines;
    }

    internal static long Count(byte[] bytes, string name)
    {
        var context = new ParseContext(name, ParseOptions.Default);
        var (_, statements) = StatementParser.Read(new MemoryStream(bytes), context);
        long entries = 0;
        foreach (var s in statements) entries += s.Entries.Count;
        return entries;
    }

    internal static async Task ImportAsync(int lines)
    {
        var (bytes, entries) = StatementFiles.Camt053(long.MaxValue / 4, lines);
        var path = Path.Combine(Path.GetTempPath(), $"o2c-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = await Database.OpenAsync(path);
            var sw = Stopwatch.StartNew();
            var result = await new ImportStatement(db, TimeProvider.System, "bench")
                .ExecuteAsync("bench.xml", new MemoryStream(bytes));
            sw.Stop();
            if (result.IsRefused) throw new InvalidOperationException(result.Detail);
            var stored = result.Statements.Sum(s => s.NewLines);
            Console.WriteLine($"import camt.053 into SQLite: {entries:N0} entries ({bytes.Length / 1e6:F1} MB), " +
                $"{stored:N0} lines stored and posted in {sw.Elapsed.TotalSeconds:F1} s = " +
                $"{stored / sw.Elapsed.TotalSeconds:N0} lines/s");
            sw.Restart();
            var again = await new ImportStatement(db, TimeProvider.System, "bench")
                .ExecuteAsync("bench-again.xml", new MemoryStream([.. bytes, (byte)'\n']));
            Console.WriteLine($"re-import of the same lines (new bytes): " +
                $"{again.Statements.Sum(s => s.KnownLines):N0} found by natural key, " +
                $"{again.Statements.Sum(s => s.NewLines)} added, in {sw.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        }
    }
}
