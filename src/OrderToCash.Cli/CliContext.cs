using System.CommandLine;
using OrderToCash.Data;
using Spectre.Console;

namespace OrderToCash.Cli;

/// <summary>What every verb needs: the database, the acting user, the clock, and a console to write to.</summary>
public sealed class CliContext(ParseResult parse)
{
    public string DbTarget { get; } = Database.Resolve(parse.GetValue(GlobalOptions.Db));
    public string User { get; } = parse.GetValue(GlobalOptions.User) is { Length: > 0 } u ? u : Environment.UserName;
    public TimeProvider Clock { get; } = TimeProvider.System;
    public IAnsiConsole Out { get; } = AnsiConsole.Console;

    public Task<O2cDb> OpenAsync(CancellationToken ct) => Database.OpenAsync(DbTarget, ct);

    public static void Error(string message) => Console.Error.WriteLine("error: " + message);

    /// <summary>Runs a verb, turning environment failures (database down, file missing) into a message
    /// and exit 1.</summary>
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken ct, Func<CliContext, Task<int>> action)
    {
        try
        {
            return await action(new CliContext(parse));
        }
        catch (FileNotFoundException e) { Error($"file not found: {e.FileName}"); return 1; }
        catch (DirectoryNotFoundException e) { Error(e.Message); return 1; }
        catch (Npgsql.NpgsqlException e) { Error($"PostgreSQL: {e.Message}"); return 1; }
        catch (Microsoft.Data.Sqlite.SqliteException e) { Error($"SQLite: {e.Message}"); return 1; }
        catch (OperationCanceledException) { Error("cancelled"); return 130; }
    }
}
