using System.Globalization;
using BenchmarkDotNet.Running;
using OrderToCash.Benchmarks;

// Macro benchmarks (figures and commands in docs/benchmarks.md) and BenchmarkDotNet micro benchmarks.
int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

switch (args.Length > 0 ? args[0] : "")
{
    case "world": return WorldCommand.Run(args[1..]);
    case "matching": return MatchingCommand.Run(args[1..]);
    case "micro": BenchmarkRunner.Run<MatcherBenchmarks>(args: args[1..]); return 0;
    case "parse-micro": BenchmarkRunner.Run<ParseMicro>(); return 0;
    case "posting": return await PostingCommand.RunAsync(args[1..]);
    case "parse": StatementBench.Parse(Option("--mb", 200)); return 0;
    case "import": await StatementBench.ImportAsync(Option("--lines", 100_000)); return 0;
    case "score": return ScoreCommand.Run(args[1..]);
    case "scale": return await ScaleCommand.RunAsync(args[1..]);
    default:
        Console.Error.WriteLine("""
            usage: matching [--seed N] [--receipts N] [--open-items N] [--customers N] [--profile standard|harsh]
                   world --seed N --out DIR [--format camt053|mt940|bai2] [--receipts N] [--open-items N]
                   micro | parse-micro               BenchmarkDotNet (matcher | statement parsers)
                   posting [--entries N] [--writers N] [--pg CONNECTION] [--sqlite-only] [--pg-only]
                   parse [--mb N]                    statement parse throughput next to a read-only baseline
                   import [--lines N]                statement lines imported into SQLite per second
                   score TRUTH.csv APPLICATIONS.csv  scores an applications.csv export against a world's truth
                   scale [--seed N] [--receipts N] [--open-items N] [--format camt053|mt940] [--check]
            """);
        return 2;
}
