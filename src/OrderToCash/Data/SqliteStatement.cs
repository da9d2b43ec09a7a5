using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OrderToCash.Data;

/// <summary>
/// One statement prepared once and run row by row through SQLite's own API, its parameters bound by position. The
/// bulk writers (<see cref="RowWriter"/>, the journal's) run millions of rows: through ADO.NET each value costs a
/// by-name parameter lookup and a type dispatch, which together cost as much as SQLite's insert itself. Values are
/// stored as Microsoft.Data.Sqlite stores them (a Guid as upper-case text, a date as yyyy-MM-dd, a decimal as
/// text), so a row reads back the same whichever way it was written. It runs on the connection's current
/// transaction.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds parameter <paramref name="index"/> (1-based: ?1, ?2, ... in the SQL).</summary>
    public void Bind(int index, object? value)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, index),
            string s => raw.sqlite3_bind_text16(_statement, index, s.AsSpan()),
            long n => raw.sqlite3_bind_int64(_statement, index, n),
            int n => raw.sqlite3_bind_int64(_statement, index, n),
            short n => raw.sqlite3_bind_int64(_statement, index, n),
            byte n => raw.sqlite3_bind_int64(_statement, index, n),
            bool b => raw.sqlite3_bind_int64(_statement, index, b ? 1 : 0),
            Guid g => BindGuid(index, g),
            DateOnly d => BindFormatted(index, d, "yyyy-MM-dd"),
            decimal d => raw.sqlite3_bind_text16(_statement, index,
                d.ToString("0.0###########################", CultureInfo.InvariantCulture).AsSpan()),
            double d => raw.sqlite3_bind_double(_statement, index, d),
            float d => raw.sqlite3_bind_double(_statement, index, d),
            byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
            _ => throw new NotSupportedException($"No SQLite binding for {value.GetType().Name}."),
        };
        Check(rc);
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index)
            : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));

    private int BindGuid(int index, Guid value)
    {
        Span<char> text = stackalloc char[36];
        value.TryFormat(text, out _);
        for (var i = 0; i < text.Length; i++) text[i] = char.ToUpperInvariant(text[i]);
        return raw.sqlite3_bind_text16(_statement, index, text);
    }

    private int BindFormatted<T>(int index, T value, string format) where T : ISpanFormattable
    {
        Span<char> text = stackalloc char[40];
        value.TryFormat(text, out var length, format, CultureInfo.InvariantCulture);
        return raw.sqlite3_bind_text16(_statement, index, text[..length]);
    }

    /// <summary>Runs the statement; the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW)) Check(rc);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs the statement and reads the first column of its first row (a RETURNING key).</summary>
    public long ExecuteInt64()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_ROW) Check(rc == raw.SQLITE_DONE ? raw.SQLITE_MISUSE : rc);
            return raw.sqlite3_column_int64(_statement, 0);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _statement.Dispose();
}
