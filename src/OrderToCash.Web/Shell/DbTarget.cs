using OrderToCash.Data;

namespace OrderToCash.Web.Shell;

/// <summary>
/// The database this process serves: --db, else $O2C_DB, else ./data/demo.db with --demo or ./data/o2c.db.
/// A relative path is relative to $O2C_CWD (the folder `o2c serve` was called from), since the host runs from its
/// own folder.
/// </summary>
public sealed class DbTarget(string value, bool isDemo)
{
    public string Value => value;
    public bool IsDemo => isDemo;
    public bool IsPostgres => Database.IsPostgres(value);

    public OrderToCash.Data.O2cDb OpenCore() => Database.Create(value);
    public WebDb OpenWeb() => WebDb.Create(value);

    public static DbTarget From(IConfiguration config)
    {
        var demo = string.Equals(config["demo"], "true", StringComparison.OrdinalIgnoreCase);
        var raw = config["db"] is { Length: > 0 } db ? db
            : Environment.GetEnvironmentVariable("O2C_DB") is { Length: > 0 } env ? env
            : demo ? "./data/demo.db" : Database.DefaultPath;
        if (!Database.IsPostgres(raw) && !raw.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
            && !Path.IsPathRooted(raw))
        {
            var cwd = Environment.GetEnvironmentVariable("O2C_CWD") is { Length: > 0 } c
                ? c
                : Environment.CurrentDirectory;
            raw = Path.GetFullPath(Path.Combine(cwd, raw));
        }
        return new DbTarget(raw, demo);
    }

    /// <summary>The target for display: a PostgreSQL password is not printed.</summary>
    public string Display => IsPostgres
        ? string.Join(';', value.Split(';')
            .Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)))
        : value;
}
