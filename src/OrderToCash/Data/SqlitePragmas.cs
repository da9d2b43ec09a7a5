using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OrderToCash.Data;

/// <summary>
/// Per-connection SQLite settings, set each time EF Core opens a connection (they do not live in the file). A page
/// cache of 256 MB instead of SQLite's 2 MB: a million open items with random Guid keys and their journal lines touch
/// index pages all over the file, and with the default cache every insert reads pages back from the OS.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Sql = "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
