using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OrderToCash.Data;
using Xunit;

namespace OrderToCash.Tests;

/// <summary>
/// A fresh, migrated database for one test, on SQLite (a temp file) or on the real PostgreSQL that test.sh starts
/// ($O2C_TEST_PG). Use-case tests run on both:
/// <c>[Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]</c>.
/// </summary>
public sealed class TestDb : IAsyncDisposable
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    public string Target { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.Zero));
    public O2cDb Db { get; private set; } = null!;
    private readonly string? _pgDatabase;
    private readonly string? _sqlitePath;

    private TestDb(string target, string? pgDatabase, string? sqlitePath)
    {
        Target = target;
        _pgDatabase = pgDatabase;
        _sqlitePath = sqlitePath;
    }

    public static string? PostgresServer => Environment.GetEnvironmentVariable("O2C_TEST_PG");

    public static async Task<TestDb> CreateAsync(string provider)
    {
        TestDb t;
        if (provider == "postgres")
        {
            ExternalData.SkipUnless(PostgresServer is not null,
                "PostgreSQL is not running ($O2C_TEST_PG is unset; ./test.sh starts it)");
            var name = "o2c_test_" + Guid.NewGuid().ToString("N")[..16];
            await using (var conn = new NpgsqlConnection(PostgresServer))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ToString();
            t = new TestDb(cs, name, null);
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), "o2c-test-" + Guid.NewGuid().ToString("N") + ".db");
            t = new TestDb(path, null, path);
        }
        t.Db = await Database.OpenAsync(t.Target);
        return t;
    }

    /// <summary>A second, independent context on the same database (as another request or process would
    /// have).</summary>
    public O2cDb NewContext() => Database.Create(Target);

    /// <summary>Forgets everything tracked, so the next query reads what the database holds.</summary>
    public O2cDb Fresh()
    {
        Db.ChangeTracker.Clear();
        return Db;
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
                try { File.Delete(f); } catch (IOException) { }
        }
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(PostgresServer);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
