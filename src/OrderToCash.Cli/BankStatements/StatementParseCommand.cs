using System.CommandLine;
using OrderToCash.BankStatements;

namespace OrderToCash.Cli.BankStatements;

/// <summary><c>o2c statement parse FILE [--out parsed.json] [--strict]</c>: a bank file to normalised JSON.</summary>
public static class StatementParseCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "Statement file (camt, MT940/942, BAI2, CODA, lockbox, NACHA, CSV)",
        };
        var output = new Option<FileInfo>("--out") { Description = "Write the JSON here instead of stdout" };
        var strict = new Option<bool>("--strict") { Description = "Refuse balance and control-total mismatches" };
        var parse = new Command("parse", "Parse a bank statement file into normalised JSON");
        parse.Arguments.Add(file);
        parse.Options.Add(output);
        parse.Options.Add(strict);
        parse.SetAction(result => Run(result.GetValue(file)!, result.GetValue(output), result.GetValue(strict)));
        var statement = new Command("statement", "Bank statements");
        statement.Subcommands.Add(parse);
        return statement;
    }

    private static int Run(FileInfo file, FileInfo? output, bool strict)
    {
        ParsedFile parsed;
        try
        {
            using var input = file.OpenRead();
            parsed = StatementParser.Parse(input, file.Name, new ParseOptions(Strict: strict));
        }
        catch (StatementParseException e)
        {
            Console.Error.WriteLine($"refused: {e.File}: {e.Location}: {e.Reason}");
            return 2;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"cannot read {file.FullName}: {e.Message}");
            return 2;
        }
        if (output is null)
        {
            using var stdout = Console.OpenStandardOutput();
            StatementJson.Write(parsed, stdout);
            stdout.WriteByte((byte)'\n');
        }
        else
        {
            using var target = output.Create();
            StatementJson.Write(parsed, target);
        }
        foreach (var warning in parsed.Warnings) Console.Error.WriteLine($"warning: {warning}");
        return 0;
    }
}
