using System.CommandLine;
using System.Diagnostics;

namespace OrderToCash.Cli.Shell;

/// <summary>
/// <c>o2c serve [--demo] [--urls URL]</c>: hands over to the web host (OrderToCash.Web), run from its own folder
/// so its static assets are found. The <c>./o2c</c> script builds the web host beside the CLI.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var demo = new Option<bool>("--demo") { Description = "Serve the demo company (./data/demo.db unless --db)" };
        var urls = new Option<string>("--urls")
            { Description = "Listen address", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var command = new Command("serve", "Start the web app and REST API") { demo, urls };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            var web = Path.Combine(AppContext.BaseDirectory, "..", "web", "OrderToCash.Web.dll");
            if (!File.Exists(web))
            {
                CliContext.Error($"the web host is not built ({Path.GetFullPath(web)}); " +
                    "run ./o2c serve from the repository root");
                return 1;
            }
            var args = new List<string> { web, "--urls", parse.GetValue(urls)! };
            if (parse.GetValue(GlobalOptions.Db) is { } db) args.AddRange(["--db", db]);
            if (parse.GetValue(demo)) args.Add("--demo");
            var start = new ProcessStartInfo("dotnet")
                { WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(web))! };
            foreach (var a in args) start.ArgumentList.Add(a);
            start.Environment["O2C_USER"] = ctx.User;
            start.Environment["O2C_CWD"] = Environment.CurrentDirectory;
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync(ct);
            return process.ExitCode;
        }));
        return command;
    }
}
