namespace OrderToCash.Benchmarks;

internal static class WorldCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("not yet");
        return 1;
    }
}
