using BenchmarkDotNet.Attributes;
using OrderToCash.BankStatements;

namespace OrderToCash.Benchmarks;

/// <summary>Parsing a typical daily file (1,000 entries) of each format.</summary>
[MemoryDiagnoser]
public class ParseMicro
{
    private byte[] _camt = [];
    private byte[] _mt940 = [];
    private byte[] _bai2 = [];

    [GlobalSetup]
    public void SetUp()
    {
        _camt = StatementFiles.Camt053(long.MaxValue / 4, 1000).Bytes;
        _mt940 = StatementFiles.Mt940(1000 * 160).Bytes;
        _bai2 = StatementFiles.Bai2(1000 * 80).Bytes;
    }

    [Benchmark]
    public int Camt053() => StatementParser.Parse(new MemoryStream(_camt), "b.xml").Statements.Count;

    [Benchmark]
    public int Mt940() => StatementParser.Parse(new MemoryStream(_mt940), "b.sta").Statements.Count;

    [Benchmark]
    public int Bai2() => StatementParser.Parse(new MemoryStream(_bai2), "b.bai").Statements.Count;
}
