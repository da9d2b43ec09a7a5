using System.Globalization;
using OrderToCash.CashApplication.Benchmark;

namespace OrderToCash.Benchmarks;

/// <summary>The command-line options shared by the modes: --name value pairs.</summary>
internal sealed record Options(int Seed, int Receipts, int OpenItems, int Customers, NoiseProfile Profile, string Out,
    string Format)
{
    public static Options Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        int Int(string key, int fallback) =>
            map.TryGetValue(key, out var v) ? int.Parse(v.Replace("_", ""), CultureInfo.InvariantCulture) : fallback;
        return new Options(Int("seed", 1), Int("receipts", 10_000), Int("open-items", 100_000), Int("customers", 0),
            map.GetValueOrDefault("profile") == "harsh" ? NoiseProfile.Harsh : NoiseProfile.Standard,
            map.GetValueOrDefault("out") ?? "world", map.GetValueOrDefault("format") ?? "camt053");
    }
}
