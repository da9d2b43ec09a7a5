using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using OrderToCash.Data;

namespace OrderToCash.Ledger;

/// <summary>
/// Inserts journal entries and their lines in the current transaction, with the provider's fast path: prepared
/// statements reused row by row on SQLite; binary COPY on PostgreSQL for batches, one batched round trip for a
/// few entries. The rows are exactly what EF Core would write (same columns, same value encodings).
/// </summary>
internal sealed class JournalWriter(O2cDb db)
{
    private const int CopyThreshold = 8;
    private static readonly DateTimeOffsetToBinaryConverter SqliteInstant = new();

    private const string EntryColumns =
        "\"Id\", \"LegalEntityId\", \"PostingDate\", \"Kind\", \"Memo\", \"Source\", \"ReversesEntryId\", " +
        "\"CreatedAt\", \"CreatedBy\"";
    private const string LineColumns =
        "\"EntryId\", \"LineNo\", \"AccountId\", \"Currency\", \"AmountMinor\", \"FunctionalMinor\", " +
        "\"CustomerId\", \"OpenItemId\"";

    public Task InsertAsync(IReadOnlyList<JournalEntry> entries, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Journal entries are written inside a transaction.");
        return connection switch
        {
            SqliteConnection sqlite => InsertSqliteAsync(sqlite, entries),
            NpgsqlConnection pg when entries.Count >= CopyThreshold => CopyPostgresAsync(pg, entries, ct),
            NpgsqlConnection pg => InsertPostgresAsync(pg, (NpgsqlTransaction)transaction, entries, ct),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };
    }

    private static Task InsertSqliteAsync(SqliteConnection connection, IReadOnlyList<JournalEntry> entries)
    {
        using var entry = new SqliteStatement(connection,
            $"INSERT INTO journal_entries ({EntryColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        using var line = new SqliteStatement(connection,
            $"INSERT INTO journal_lines ({LineColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        foreach (var e in entries)
        {
            entry.Bind(1, e.Id);
            entry.Bind(2, e.LegalEntityId);
            entry.Bind(3, e.PostingDate);
            entry.Bind(4, e.Kind);
            entry.Bind(5, e.Memo);
            entry.Bind(6, e.Source);
            entry.Bind(7, e.ReversesEntryId);
            entry.Bind(8, (long)SqliteInstant.ConvertToProvider(e.CreatedAt)!);
            entry.Bind(9, e.CreatedBy);
            entry.Execute();
            foreach (var l in e.Lines)
            {
                line.Bind(1, l.EntryId);
                line.Bind(2, l.LineNo);
                line.Bind(3, l.AccountId);
                line.Bind(4, l.Currency);
                line.Bind(5, l.AmountMinor);
                line.Bind(6, l.FunctionalMinor);
                line.Bind(7, l.CustomerId);
                line.Bind(8, l.OpenItemId);
                line.Execute();
            }
        }
        return Task.CompletedTask;
    }

    private static async Task CopyPostgresAsync(NpgsqlConnection connection, IReadOnlyList<JournalEntry> entries,
        CancellationToken ct)
    {
        await using (var writer = await connection.BeginBinaryImportAsync(
                         $"COPY journal_entries ({EntryColumns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var e in entries)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(e.LegalEntityId, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(e.PostingDate, NpgsqlDbType.Date, ct);
                await writer.WriteAsync(e.Kind, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(e.Memo, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(writer, e.Source, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(writer, e.ReversesEntryId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(e.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(e.CreatedBy, NpgsqlDbType.Text, ct);
            }
            await writer.CompleteAsync(ct);
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
                         $"COPY journal_lines ({LineColumns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var l in entries.SelectMany(e => e.Lines))
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(l.EntryId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(l.LineNo, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(l.AccountId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(l.Currency, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(l.AmountMinor, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(l.FunctionalMinor, NpgsqlDbType.Bigint, ct);
                await WriteNullableAsync(writer, l.CustomerId, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(writer, l.OpenItemId, NpgsqlDbType.Uuid, ct);
            }
            await writer.CompleteAsync(ct);
        }
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type,
        CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);

    private static async Task InsertPostgresAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<JournalEntry> entries, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var e in entries)
        {
            var entry = new NpgsqlBatchCommand(
                $"INSERT INTO journal_entries ({EntryColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
            foreach (var v in new object?[] { e.Id, e.LegalEntityId, e.PostingDate, e.Kind, e.Memo, e.Source,
                         e.ReversesEntryId, e.CreatedAt, e.CreatedBy })
                entry.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
            batch.BatchCommands.Add(entry);
            var values = string.Join(", ", e.Lines.Select((_, i) =>
                "(" + string.Join(", ", Enumerable.Range(i * 8 + 1, 8).Select(n => "$" + n)) + ")"));
            var lines = new NpgsqlBatchCommand($"INSERT INTO journal_lines ({LineColumns}) VALUES {values}");
            foreach (var l in e.Lines)
                foreach (var v in new object?[] { l.EntryId, l.LineNo, l.AccountId, l.Currency, l.AmountMinor,
                             l.FunctionalMinor, l.CustomerId, l.OpenItemId })
                    lines.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
            batch.BatchCommands.Add(lines);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }
}
