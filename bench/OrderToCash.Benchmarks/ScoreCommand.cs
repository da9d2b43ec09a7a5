using OrderToCash.CashApplication;
using OrderToCash.CashApplication.Benchmark;

namespace OrderToCash.Benchmarks;

/// <summary>`score TRUTH APPLICATIONS`: scores the applications.csv that `o2c export applications` wrote (the CLI
/// contract, through the database) against the truth.csv of the world it came from, per category.</summary>
internal static class ScoreCommand
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: score TRUTH.csv APPLICATIONS.csv");
            return 2;
        }
        var truth = WorldFiles.ReadTruth(File.ReadAllText(args[0]));
        var rows = ApplicationsCsv.Parse(File.ReadAllText(args[1]));
        var score = Scorer.Score(truth, rows);
        Console.WriteLine(Scorer.Table(score));
        Console.WriteLine(Scorer.Summary("pipeline", score));
        return 0;
    }
}
