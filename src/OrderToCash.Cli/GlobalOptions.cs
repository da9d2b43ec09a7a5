using System.CommandLine;

namespace OrderToCash.Cli;

public static class GlobalOptions
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "SQLite file path or PostgreSQL connection string (default: $O2C_DB, else ./data/o2c.db)",
        Recursive = true,
    };

    public static readonly Option<string?> User = new("--user")
    {
        Description = "Acting user recorded in the audit trail (default: the operating-system user)",
        Recursive = true,
    };
}
