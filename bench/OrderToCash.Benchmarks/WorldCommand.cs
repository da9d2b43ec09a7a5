using OrderToCash.CashApplication.Benchmark;

namespace OrderToCash.Benchmarks;

/// <summary>`world`: generates a world and writes its files (customers, open items, statement, truth) to a
/// folder.</summary>
internal static class WorldCommand
{
    public static int Run(string[] args)
    {
        var o = Options.Parse(args);
        var world = WorldGenerator.Generate(o.Seed, o.Customers, o.OpenItems, o.Receipts,
            new WorldOptions { Profile = o.Profile });
        Directory.CreateDirectory(o.Out);
        foreach (var (name, content) in WorldFiles.Of(world, o.Format))
        {
            File.WriteAllText(Path.Combine(o.Out, name), content);
            Console.WriteLine($"{Path.Combine(o.Out, name)}  ({content.Length:N0} chars)");
        }
        return 0;
    }
}
