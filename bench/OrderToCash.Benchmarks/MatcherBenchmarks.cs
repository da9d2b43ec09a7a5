using BenchmarkDotNet.Attributes;
using OrderToCash.CashApplication;
using OrderToCash.CashApplication.Benchmark;

namespace OrderToCash.Benchmarks;

/// <summary>Micro benchmark (`-- micro`): one receipt through the matcher against 100,000 open items.</summary>
[MemoryDiagnoser]
public class MatcherBenchmarks
{
    private World _world = null!;
    private OpenItemIndex _index = null!;
    private MatchSettings _settings = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _world = WorldGenerator.Generate(1, 0, 100_000, 10_000);
        _index = OpenItemIndex.Build(_world.OpenItems, _world.Customers);
        _settings = _world.Settings();
    }

    [Benchmark]
    public MatchResult Propose()
    {
        var receipt = _world.Receipts[_next++ % _world.Receipts.Count];
        return Matcher.Propose(receipt, _index, _settings, _world.Today);
    }

    [Benchmark]
    public MatchResult Baseline()
    {
        var receipt = _world.Receipts[_next++ % _world.Receipts.Count];
        return BaselineMatcher.Propose(receipt, _index);
    }
}
