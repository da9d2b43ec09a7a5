using BenchmarkDotNet.Running;
using OrderToCash.Benchmarks;

return args.Length == 0 ? Usage()
    : args[0] == "world" ? WorldCommand.Run(args[1..])
    : args[0] == "matching" ? MatchingCommand.Run(args[1..])
    : args[0] == "micro" ? Micro(args[1..])
    : args[0] == "posting" ? await PostingCommand.RunAsync(args[1..])
    : Usage();

static int Micro(string[] args)
{
    BenchmarkRunner.Run<MatcherBenchmarks>(args: args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: matching [--seed N] [--receipts N] [--open-items N] [--customers N] [--profile standard|harsh]
               world --seed N --out DIR [--format camt053|mt940|bai2] [--receipts N] [--open-items N]
               micro [BenchmarkDotNet options]
               posting [--entries N] [--writers N] [--pg CONNECTION] [--sqlite-only] [--pg-only]
        """);
    return 2;
}
