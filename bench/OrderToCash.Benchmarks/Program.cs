using OrderToCash.Benchmarks;

return args.Length > 0 && args[0] == "posting" ? await PostingCommand.RunAsync(args[1..])
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("""
        usage: posting [--entries N] [--writers N] [--pg CONNECTION] [--sqlite-only] [--pg-only]
        """);
    return 2;
}
