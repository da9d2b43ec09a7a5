using System.CommandLine;

namespace OrderToCash.Cli;

/// <summary>The <c>o2c</c> root command: global options and one sub-command per verb file.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("OrderToCash: order-to-cash and receivables.");
        root.Options.Add(GlobalOptions.Db);
        root.Options.Add(GlobalOptions.User);
        foreach (var command in Commands()) root.Subcommands.Add(command);
        return await root.Parse(args).InvokeAsync();
    }

    // One line per verb file; each capability folder under OrderToCash.Cli brings its own.
    private static IEnumerable<Command> Commands() =>
    [
        Data.ImportCommand.Create(),
        Ledger.CheckCommand.Create(),
        Ledger.ReportCommand.Create(),
        Ledger.EntityCommand.Create(),
        Ledger.PeriodCommand.Create(),
        Ledger.AccountsCommand.Create(),
        Data.FxCommand.Create(),
        CashApplication.CashAppCommand.Create(),
        CashApplication.CashAppCommand.Export(),
        Demo.DemoCommand.Create(),
        Shell.ServeCommand.Create(),
        BankStatements.StatementParseCommand.Create(),
        Users.UsersCommand.Create(),
        Users.TokensCommand.Create(),
    ];
}
