using BenchmarkDotNet.Attributes;
using OrderToCash.BankStatements;

namespace OrderToCash.Benchmarks;

/// <summary>Parsing a typical daily file (1,000 entries) of each format.</summary>
[MemoryDiagnoser]
public class ParseMicro
{
    private byte[] _camt = [];
    private byte[] _mt940 = [];

    [GlobalSetup]
    public void SetUp()
    {
        _camt = StatementFiles.Camt053(long.MaxValue / 4, 1000).Bytes;
        _mt940 = StatementFiles.Mt940(1000 * 160).Bytes;
    }

    [Benchmark]
    public int Camt053() => StatementParser.Parse(new MemoryStream(_camt), "b.xml").Statements.Count;

    [Benchmark]
    public int Mt940() => StatementParser.Parse(new MemoryStream(_mt940), "b.sta").Statements.Count;
}
