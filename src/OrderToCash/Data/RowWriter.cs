using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OrderToCash.Data;

/// <summary>
/// Writes the added and modified rows of the high-volume tables (open items, bank statements and their lines,
/// cash-application rows, customers) with prepared statements reused row by row, on SQLite, where EF Core builds and
/// sends one statement per row. The columns, parameters and value conversions are EF Core's own (from the model and
/// its type mappings), so the rows are exactly what EF Core would write. PostgreSQL keeps EF Core's batching (one
/// round trip for many rows).
/// </summary>
/// <remarks>
/// Captured rows are taken out of EF Core's save (marked unchanged) and written after it, so the rows they depend on
/// (legal entities, bank accounts, journal entries) are in the database first; among themselves they are written in
/// <see cref="Order"/>, principals before dependents. A store-generated key comes back through <c>RETURNING</c>.
/// </remarks>
internal sealed class RowWriter
{
    /// <summary>The tables written here, principals first.</summary>
    private static readonly Type[] Order =
    [
        typeof(Customers.Customer), typeof(Customers.CustomerAlias), typeof(Customers.CustomerBankAccount),
        typeof(Ledger.OpenItem), typeof(BankStatements.BankStatement), typeof(BankStatements.StatementLine),
        typeof(CashApplication.CashApplicationRow), typeof(Audit.AuditEvent),
    ];

    private sealed record Row(EntityEntry? Entry, IReadOnlyList<IProperty> Set, object?[] Values, object?[] Keys);

    // The rows of one table and statement (the columns an update sets differ from row to row).
    // (Untracked: rows the tracker never saw, whose database-numbered key nobody reads back.)
    private sealed record Group(IEntityType Type, bool IsInsert, IReadOnlyList<IProperty> Columns, int Count,
        IEnumerable<Row> Rows, bool Untracked = false);

    private readonly List<Group> _groups = [];

    /// <summary>Takes the added and modified rows of <see cref="Order"/>'s tables out of EF Core's save.</summary>
    public static RowWriter Capture(DbContext db)
    {
        var writer = new RowWriter();
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified).ToList();
        var captured = Capturable(changed);
        var byType = changed.Where(e => captured.Contains(e.Metadata))
            .GroupBy(e => e.Metadata).OrderBy(g => Array.IndexOf(Order, g.Key.ClrType));
        foreach (var group in byType)
        {
            var type = group.Key;
            var keys = Match(type);
            var inserts = new List<Row>();
            var updates = new Dictionary<string, List<Row>>();
            var insertColumns = type.GetProperties().Where(p => !IsGenerated(p)).ToList();
            foreach (var entry in group)
            {
                if (entry.State == EntityState.Added)
                {
                    var values = new object?[insertColumns.Count];
                    for (var i = 0; i < values.Length; i++) values[i] = entry.Property(insertColumns[i]).CurrentValue;
                    inserts.Add(new Row(entry, insertColumns, values, []));
                }
                else
                {
                    var columns = type.GetProperties().Where(p => entry.Property(p).IsModified).ToList();
                    if (columns.Count == 0) continue;
                    var signature = string.Join(",", columns.Select(p => p.Name));
                    if (!updates.TryGetValue(signature, out var list)) updates[signature] = list = [];
                    list.Add(new Row(entry, columns, columns.Select(p => entry.Property(p).CurrentValue).ToArray(),
                        keys.Select(p => entry.Property(p).OriginalValue).ToArray()));
                }
            }
            if (inserts.Count > 0) writer._groups.Add(new(type, true, insertColumns, inserts.Count, inserts));
            foreach (var list in updates.Values) writer._groups.Add(new(type, false, list[0].Set, list.Count, list));
        }
        // Out of EF Core's save: written by WriteAsync in the same transaction.
        // (A row whose key the database numbers has only a temporary key yet: it leaves the tracker until it is
        // written and comes back with its key.)
        foreach (var group in writer._groups)
        {
            var numbered = group.Type.GetProperties().Any(IsGenerated);
            foreach (var row in group.Rows)
            {
                // A modified row becomes unchanged with the values it is written with: without taking the current
                // values as the originals first, EF Core goes back to the values last read, and the next save of
                // the same context would write those old values again.
                if (row.Entry!.State == EntityState.Modified)
                    row.Entry.OriginalValues.SetValues(row.Entry.CurrentValues);
                row.Entry.State = numbered && row.Entry.State == EntityState.Added
                    ? EntityState.Detached : EntityState.Unchanged;
            }
        }
        return writer;
    }

    public int Count => _groups.Sum(g => g.Count);

    // An update finds its row by key and by the concurrency tokens' values as read (an open item's balance): a row
    // another transaction changed meanwhile is not overwritten (DbUpdateConcurrencyException, as EF Core reports it).
    private static List<IProperty> Match(IEntityType type) =>
        [.. type.FindPrimaryKey()!.Properties, .. type.GetProperties().Where(p => p.IsConcurrencyToken)];

    // The tables of Order this save may write after EF Core's: not one that a row EF Core writes depends on (a
    // customer's contacts are saved by EF Core, so new customers must be in the database before them).
    private static HashSet<IEntityType> Capturable(List<EntityEntry> changed)
    {
        var types = changed.Select(e => e.Metadata).Distinct().ToList();
        var captured = types.Where(t => Array.IndexOf(Order, t.ClrType) >= 0 && !t.IsOwned()).ToHashSet();
        bool excluded;
        do
        {
            excluded = false;
            var others = types.Where(t => !captured.Contains(t) && t.ClrType != typeof(Ledger.JournalEntry));
            foreach (var dependent in others.ToList())
                foreach (var fk in dependent.GetForeignKeys())
                    excluded |= captured.Remove(fk.PrincipalEntityType);
        } while (excluded);
        return captured;
    }

    // A key the database numbers (an integer identity) is left out of the insert and read back.
    private static bool IsGenerated(IProperty p) =>
        p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && (p.ClrType == typeof(long)
            || p.ClrType == typeof(int));

    private void Write(SqliteConnection connection)
    {
        foreach (var (type, isInsert, columns, _, rows, untracked) in _groups)
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var keys = Match(type);
            var generated = untracked ? null : type.GetProperties().FirstOrDefault(IsGenerated);
            string Name(IProperty p) => $"\"{p.GetColumnName(table)}\"";
            var sql = isInsert
                ? $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(Name))}) VALUES " +
                  $"({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))})" +
                  (generated is null ? "" : $" RETURNING {Name(generated)}")
                : $"UPDATE \"{table.Name}\" SET " +
                  string.Join(", ", columns.Select((p, i) => $"{Name(p)} = ?{i + 1}")) +
                  $" WHERE {string.Join(" AND ", keys.Select((p, i) => $"{Name(p)} = ?{columns.Count + i + 1}"))}";
            using var statement = new SqliteStatement(connection, sql);
            // EF Core's value converters (an enum stored as its name, an instant as ticks).
            var converters = columns.Select(Converter).ToArray();
            var keyConverters = isInsert ? [] : keys.Select(Converter).ToArray();
            foreach (var row in rows)
            {
                for (var i = 0; i < converters.Length; i++)
                    statement.Bind(i + 1, Provider(converters[i], row.Values[i]));
                for (var i = 0; i < keyConverters.Length; i++)
                    statement.Bind(converters.Length + i + 1, Provider(keyConverters[i], row.Keys[i]));
                if (generated is not null)
                {
                    var id = statement.ExecuteInt64();
                    row.Entry!.Property(generated).CurrentValue = Convert.ChangeType(id, generated.ClrType,
                        System.Globalization.CultureInfo.InvariantCulture);
                    // Tracked again with its key, as EF Core leaves a row it saved (a new entry: the old one's
                    // snapshot still holds the temporary key).
                    row.Entry.Context.Entry(row.Entry.Entity).State = EntityState.Unchanged;
                }
                else if (statement.Execute() != 1)
                    throw new DbUpdateConcurrencyException(
                        $"{type.ClrType.Name}: expected to {(isInsert ? "insert" : "update")} one row");
            }
        }
    }

    private static ValueConverter? Converter(IProperty property) =>
        ((RelationalTypeMapping)property.GetRelationalTypeMapping()).Converter;

    private static object? Provider(ValueConverter? converter, object? value) =>
        value is null ? null : converter is null ? value : converter.ConvertToProvider(value);

    /// <summary>
    /// Inserts rows the change tracker never saw (a bulk import builds them itself) in the current transaction:
    /// prepared statements on SQLite; on PostgreSQL they are added to the unit of work for EF Core's batches. A key
    /// the database numbers is left to it and not read back on SQLite (the caller keeps no use for it).
    /// </summary>
    public static async Task InsertAsync<T>(O2cDb db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        if (db.IsPostgres)
        {
            db.Set<T>().AddRange(rows);
            return;
        }
        var type = db.Model.FindEntityType(typeof(T))!;
        var columns = type.GetProperties().Where(p => !IsGenerated(p)).ToList();
        var getters = columns.Select(p => p.GetGetter()).ToList();
        var writer = new RowWriter();
        // Row by row as they are written (a million rows are not copied into a second list first).
        var values = new object?[columns.Count];
        writer._groups.Add(new(type, true, columns, rows.Count, rows.Select(r =>
        {
            for (var i = 0; i < values.Length; i++) values[i] = getters[i].GetClrValue(r);
            return new Row(null, columns, values, []);
        }), Untracked: true));
        await writer.WriteAsync(db, ct);
    }

    /// <summary>As EF Core reports it: a refused row (a unique key taken meanwhile) is a DbUpdateException.</summary>
    public Task WriteAsync(DbContext db, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Rows are written inside a transaction.");
        try
        {
            Write((SqliteConnection)db.Database.GetDbConnection());
        }
        catch (SqliteException e)
        {
            throw new DbUpdateException($"Saving the rows failed: {e.Message}", e);
        }
        return Task.CompletedTask;
    }
}
