namespace OrderToCash.Cli;

// A named entry point rather than top-level statements: the CLI references the web host, whose public Program
// class (for WebApplicationFactory) would otherwise collide with this one.
public static class EntryPoint
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args);
}
