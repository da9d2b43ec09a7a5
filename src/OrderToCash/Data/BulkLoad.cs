using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace OrderToCash.Data;

/// <summary>
/// A large load into SQLite without its secondary indexes: they are dropped in the load's transaction and built
/// again at its end. SQLite builds an index from sorted rows many times faster than it inserts the same rows one by
/// one into a b-tree in random order. A unique index built again still refuses duplicates (the load rolls back).
/// Only worth it when the load is large against what the table holds (at least half as many rows again, and not a
/// small file); PostgreSQL is left as it is.
/// </summary>
internal sealed class BulkLoad
{
    private readonly O2cDb _db;
    private readonly List<(string Name, string Sql)> _indexes = [];

    private BulkLoad(O2cDb db) => _db = db;

    /// <summary>Small loads keep the indexes.</summary>
    public const int MinRows = 20_000;

    /// <summary>
    /// Drops the secondary indexes of those <paramref name="tables"/> holding at most twice the rows the load adds
    /// (<paramref name="rows"/>, about as many in each), inside the current transaction.
    /// </summary>
    public static async Task<BulkLoad> BeginAsync(O2cDb db, int rows, CancellationToken ct, params string[] tables)
    {
        var load = new BulkLoad(db);
        if (db.IsPostgres || rows < MinRows) return load;
        foreach (var table in tables)
        {
            if (await load.ScalarAsync($"SELECT COUNT(*) FROM \"{table}\"", ct) > 2L * rows) continue;
            // Indexes declared in the schema (an automatic index, e.g. for a primary key, has no SQL and stays).
            await using var command = load.Command(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $t AND sql IS NOT NULL");
            var p = command.CreateParameter();
            p.ParameterName = "$t";
            p.Value = table;
            command.Parameters.Add(p);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) load._indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in load._indexes) await load.ExecuteAsync($"DROP INDEX \"{name}\"", ct);
        return load;
    }

    /// <summary>Builds the dropped indexes again.</summary>
    public async Task EndAsync(CancellationToken ct)
    {
        foreach (var (_, sql) in _indexes) await ExecuteAsync(sql, ct);
        _indexes.Clear();
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    // The schema's own statements (names and definitions read from sqlite_master).
    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    // A command in the load's transaction.
    private System.Data.Common.DbCommand Command(string sql)
    {
        var command = _db.Database.GetDbConnection().CreateCommand();
        command.Transaction = _db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }
}
