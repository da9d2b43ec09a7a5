using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OrderToCash.Data;

/// <summary>Opens the database named by a <c>--db</c> value: a SQLite file path or a PostgreSQL connection
/// string.</summary>
public static class Database
{
    public const string DefaultPath = "./data/o2c.db";

    public static bool IsPostgres(string target) =>
        target.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
        target.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
        target.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>The --db value, else $O2C_DB, else the default file.</summary>
    public static string Resolve(string? target) =>
        !string.IsNullOrWhiteSpace(target) ? target
        : Environment.GetEnvironmentVariable("O2C_DB") is { Length: > 0 } env ? env
        : DefaultPath;

    private static readonly SqlitePragmas Pragmas = new();

    /// <summary>
    /// The context for a --db value. A list in a query (ids.Contains(x.Id)) is sent as one parameter (json_each on
    /// SQLite, an array on PostgreSQL), not one parameter per element: the same SQL for any length, so it is planned
    /// once, and no limit on the number of parameters (a run reads thousands of ids at once).
    /// </summary>
    /// <param name="interceptors">EF Core interceptors to add (a test that steps in mid-save).</param>
    public static O2cDb Create(string target, params IInterceptor[] interceptors)
    {
        if (IsPostgres(target))
        {
            var options = new DbContextOptionsBuilder<PostgresO2cDb>()
                .UseNpgsql(ConnectionString(target), o => o.CommandTimeout(600)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(interceptors).Options;
            return new PostgresO2cDb(options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteO2cDb>().UseSqlite(ConnectionString(target),
                o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors([Pragmas, .. interceptors]).Options;
        return new SqliteO2cDb(sqlite);
    }

    /// <summary>
    /// The provider connection string for a --db value (the SQLite file's folder is created), so other contexts
    /// on the same database (the web host's identity tables) connect the same way.
    /// </summary>
    public static string ConnectionString(string target)
    {
        if (IsPostgres(target)) return NormalisePostgres(target);
        var path = target.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? new SqliteConnectionStringBuilder(target).DataSource : target;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        return new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 60, Pooling = true }
            .ToString();
    }

    /// <summary>Creates the context and brings the schema up to date (migrations run on start).</summary>
    public static async Task<O2cDb> OpenAsync(string target, CancellationToken ct = default)
    {
        var db = Create(target);
        await db.Database.MigrateAsync(ct);
        if (!db.IsPostgres)
        {
            // WAL lets readers and one writer work side by side; synchronous=FULL keeps commits durable.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await new LegalEntities.CreateLegalEntity(db, TimeProvider.System, "system").EnsureDefaultAsync(ct);
        StepTrace.Step("database open");
        return db;
    }

    private static string NormalisePostgres(string target)
    {
        if (!target.Contains("://", StringComparison.Ordinal)) return target;
        var uri = new Uri(target);
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = uri.Host, Port = uri.Port > 0 ? uri.Port : 5432, Database = uri.AbsolutePath.Trim('/'),
            Username = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
        };
        return builder.ToString();
    }
}

/// <summary>Design-time factories for `dotnet ef migrations add` (one migration set per provider).</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteO2cDb>
{
    public SqliteO2cDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteO2cDb>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresO2cDb>
{
    public PostgresO2cDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresO2cDb>()
            .UseNpgsql("Host=127.0.0.1;Database=design;Username=postgres;Password=postgres").Options);
}
