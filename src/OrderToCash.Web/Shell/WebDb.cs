using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OrderToCash.Data;

namespace OrderToCash.Web.Shell;

/// <summary>
/// The web host's own tables (users, roles, tokens, idempotency records, webhooks, data-protection keys) on the
/// same database as the core, with their own migration sets and history table, so the core stays free of ASP.NET.
/// </summary>
public abstract class WebDb(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public const string HistoryTable = "__WebMigrationsHistory";

    public DbSet<PersonalAccessToken> AccessTokens => Set<PersonalAccessToken>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<ProtectionKey> ProtectionKeys => Set<ProtectionKey>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public static WebDb Create(string target)
    {
        var cs = OrderToCash.Data.Database.ConnectionString(target);
        if (OrderToCash.Data.Database.IsPostgres(target))
            return new PostgresWebDb(new DbContextOptionsBuilder<PostgresWebDb>()
                .UseNpgsql(cs, o => o.MigrationsHistoryTable(HistoryTable)).Options);
        return new SqliteWebDb(new DbContextOptionsBuilder<SqliteWebDb>()
            .UseSqlite(cs, o => o.MigrationsHistoryTable(HistoryTable)).Options);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<AppUser>(e =>
        {
            e.Property(x => x.Entities).HasMaxLength(400);
            e.Property(x => x.Language).HasMaxLength(10);
        });
        b.Entity<PersonalAccessToken>(e =>
        {
            e.ToTable("web_access_tokens");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.Hash).IsUnique();
            e.HasIndex(x => x.UserId);
        });
        b.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("web_idempotency");
            e.HasKey(x => new { x.UserName, x.Key });
        });
        b.Entity<ProtectionKey>(e => e.ToTable("web_protection_keys"));
        b.Entity<WebhookSubscription>(e =>
        {
            e.ToTable("web_webhook_subscriptions");
            e.Property(x => x.Id).ValueGeneratedNever();
        });
        b.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("web_webhook_deliveries");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        });
    }
}

public sealed class SqliteWebDb(DbContextOptions<SqliteWebDb> options) : WebDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder) =>
        // As in the core: SQLite cannot order or compare DateTimeOffset, so instants are stored as integers.
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
}

public sealed class PostgresWebDb(DbContextOptions<PostgresWebDb> options) : WebDb(options);

/// <summary>Design-time factories for `dotnet ef migrations add --context SqliteWebDb|PostgresWebDb`.</summary>
public sealed class SqliteWebDesignFactory : IDesignTimeDbContextFactory<SqliteWebDb>
{
    public SqliteWebDb CreateDbContext(string[] args) => (SqliteWebDb)WebDb.Create("design.db");
}

public sealed class PostgresWebDesignFactory : IDesignTimeDbContextFactory<PostgresWebDb>
{
    public PostgresWebDb CreateDbContext(string[] args) =>
        (PostgresWebDb)WebDb.Create("Host=127.0.0.1;Database=design;Username=postgres;Password=postgres");
}
