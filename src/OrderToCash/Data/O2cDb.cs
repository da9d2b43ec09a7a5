using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OrderToCash.Approvals;
using OrderToCash.Audit;
using OrderToCash.BankStatements;
using OrderToCash.CashApplication.Remittances;
using OrderToCash.Customers;
using OrderToCash.LegalEntities;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.Data;

/// <summary>
/// The one EF Core model. Two provider subclasses (<see cref="SqliteO2cDb"/>, <see cref="PostgresO2cDb"/>)
/// exist only so each has its own migration set; the model is this class.
/// </summary>
public abstract class O2cDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<LegalEntity> LegalEntities => Set<LegalEntity>();
    public DbSet<BankAccount> BankAccounts => Set<BankAccount>();
    public DbSet<FiscalPeriod> FiscalPeriods => Set<FiscalPeriod>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<JournalLine> JournalLines => Set<JournalLine>();
    public DbSet<ChainSeal> ChainSeals => Set<ChainSeal>();
    public DbSet<OpenItem> OpenItems => Set<OpenItem>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerAlias> CustomerAliases => Set<CustomerAlias>();
    public DbSet<CustomerBankAccount> CustomerBankAccounts => Set<CustomerBankAccount>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<FxRate> FxRates => Set<FxRate>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();
    public DbSet<ApprovalThreshold> ApprovalThresholds => Set<ApprovalThreshold>();
    public DbSet<BankStatement> BankStatements => Set<BankStatement>();
    public DbSet<CashApplication.CashApplicationRow> CashApplicationRows => Set<CashApplication.CashApplicationRow>();
    public DbSet<StatementLine> StatementLines => Set<StatementLine>();
    public DbSet<BankReconciliation> BankReconciliations => Set<BankReconciliation>();
    public DbSet<RemittanceAdvice> RemittanceAdvices => Set<RemittanceAdvice>();
    public DbSet<RemittanceLine> RemittanceLines => Set<RemittanceLine>();

    public abstract bool IsPostgres { get; }

    /// <summary>
    /// Saves the unit of work in one transaction (the caller's, when one is open). New journal entries and their
    /// lines are written by <see cref="JournalWriter"/>'s bulk insert rather than row by row through the change
    /// tracker: they are never updated, so the tracker's per-row statements buy nothing and cost most of the posting
    /// time. Everything else (open items, audit, ...) goes through EF Core as usual.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken = default)
    {
        // The unit of work is scanned for changes once, here, not again by each look at it below: on a bulk unit
        // of work (a statement's lines, a run's chunk) every scan costs about as much as writing the rows.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect) ChangeTracker.DetectChanges();
        StepTrace.Step("changes detected");
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var entries = ChangeTracker.Entries<JournalEntry>().Where(e => e.State == EntityState.Added)
                .Select(e => e.Entity).ToList();
            // On SQLite the high-volume tables go through RowWriter too (PostgreSQL batches them well already).
            var rows = !IsPostgres && acceptAllChangesOnSuccess ? RowWriter.Capture(this) : null;
            StepTrace.Step("rows captured");
            if (entries.Count == 0 && (rows?.Count ?? 0) == 0)
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await using var own = Database.CurrentTransaction is null
                ? await Database.BeginTransactionAsync(cancellationToken) : null;
            if (entries.Count > 0) await new JournalWriter(this).InsertAsync(entries, cancellationToken);
            var lines = 0;
            foreach (var entry in entries)
            {
                Entry(entry).State = EntityState.Detached;
                lines += entry.Lines.Count;
            }
            StepTrace.Step("journal written");
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            StepTrace.Step("other rows saved");
            if (rows is not null) await rows.WriteAsync(this, cancellationToken);
            StepTrace.Step("captured rows written");
            if (own is not null) await own.CommitAsync(cancellationToken);
            return saved + entries.Count + lines + (rows?.Count ?? 0);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries<JournalEntry>().Any(e => e.State == EntityState.Added))
            throw new InvalidOperationException("Journal entries are saved with SaveChangesAsync.");
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<LegalEntity>(e =>
        {
            e.ToTable("legal_entities");
            e.Property(x => x.Id).HasMaxLength(20);
            e.Property(x => x.FunctionalCurrency).HasMaxLength(3);
            e.HasMany(x => x.BankAccounts).WithOne().HasForeignKey(x => x.LegalEntityId);
        });
        b.Entity<BankAccount>(e =>
        {
            e.ToTable("bank_accounts");
            e.Property(x => x.Currency).HasMaxLength(3);
            e.HasIndex(x => new { x.AccountNumber, x.Currency }).IsUnique();
        });
        b.Entity<FiscalPeriod>(e =>
        {
            e.ToTable("fiscal_periods");
            e.HasKey(x => new { x.LegalEntityId, x.Year, x.Month });
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        });
        b.Entity<Account>(e =>
        {
            e.ToTable("accounts");
            e.HasIndex(x => new { x.LegalEntityId, x.Code }).IsUnique();
            e.HasIndex(x => new { x.LegalEntityId, x.Role });
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(40);
        });
        b.Entity<JournalEntry>(e =>
        {
            e.ToTable("journal_entries");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.LegalEntityId, x.PostingDate });
            e.HasIndex(x => x.ReversesEntryId).IsUnique();
            // Lines are not a tracked navigation: an entry is written with its lines by JournalWriter, and read
            // back with them by id (SealChain.LoadLinesAsync), so posting tracks one object per entry, not four.
            e.Ignore(x => x.Lines);
        });
        b.Entity<JournalLine>(e =>
        {
            e.ToTable("journal_lines");
            e.HasKey(x => new { x.EntryId, x.LineNo });
            e.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.EntryId);
            e.HasIndex(x => x.OpenItemId);
            e.HasIndex(x => x.AccountId);
            e.HasIndex(x => x.CustomerId);
            e.Property(x => x.Currency).HasMaxLength(3);
        });
        b.Entity<ChainSeal>(e =>
        {
            e.ToTable("chain_seals");
            e.HasKey(x => new { x.LegalEntityId, x.Sequence });
            e.HasIndex(x => x.EntryId).IsUnique();
        });
        b.Entity<OpenItem>(e =>
        {
            e.ToTable("open_items");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.DiscountPercent).HasPrecision(9, 4);
            e.Property(x => x.ReasonCode).HasMaxLength(40);
            // The balance is the concurrency token: two postings settling the same item at once (a person and the
            // run, two clerks) cannot both write it; the second save finds it changed and posts nothing.
            e.Property(x => x.OpenMinor).IsConcurrencyToken();
            // One document number per entity and kind: a duplicate invoice number is refused by the database too.
            e.HasIndex(x => new { x.LegalEntityId, x.Kind, x.Number }).IsUnique();
            // The balance is in no index: settling an item rewrites its row only, not index entries all over the file.
            e.HasIndex(x => x.CustomerId);
            e.HasIndex(x => x.NumberKey);
            e.HasIndex(x => x.PoNumber);
            e.HasIndex(x => new { x.LegalEntityId, x.Currency });
        });
        b.Entity<Customer>(e =>
        {
            e.ToTable("customers");
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            e.HasIndex(x => x.LegalEntityId);
            e.HasIndex(x => x.Name);
            e.HasMany(x => x.Aliases).WithOne().HasForeignKey(x => x.CustomerId);
            e.HasMany(x => x.BankAccounts).WithOne().HasForeignKey(x => x.CustomerId);
            e.HasMany(x => x.Contacts).WithOne().HasForeignKey(x => x.CustomerId);
        });
        b.Entity<CustomerAlias>(e =>
        {
            e.ToTable("customer_aliases");
            e.HasIndex(x => new { x.CustomerId, x.Alias }).IsUnique();
        });
        b.Entity<CustomerBankAccount>(e =>
        {
            e.ToTable("customer_bank_accounts");
            e.HasIndex(x => new { x.AccountNumber, x.CustomerId }).IsUnique();
        });
        b.Entity<Contact>(e => e.ToTable("contacts"));
        b.Entity<FxRate>(e =>
        {
            e.ToTable("fx_rates");
            e.HasKey(x => new { x.FromCurrency, x.ToCurrency, x.Date });
            e.Property(x => x.Rate).HasPrecision(28, 10);
        });
        b.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.HasIndex(x => new { x.EntityType, x.EntityId });
            e.HasIndex(x => x.At);
        });
        b.Entity<ImportBatch>(e =>
        {
            e.ToTable("import_batches");
            e.HasIndex(x => new { x.Kind, x.ContentSha256 }).IsUnique();
        });
        b.Entity<ApprovalRequest>(e =>
        {
            e.ToTable("approval_requests");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Action).HasMaxLength(60);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            e.HasIndex(x => new { x.Status, x.LegalEntityId });
            e.HasIndex(x => x.SubjectId);
        });
        b.Entity<ApprovalThreshold>(e =>
        {
            e.ToTable("approval_thresholds");
            e.HasKey(x => new { x.LegalEntityId, x.Action, x.Currency });
            e.Property(x => x.Action).HasMaxLength(60);
            e.Property(x => x.Currency).HasMaxLength(3);
        });
        BankStatementsModel(b);
    }

    private static void BankStatementsModel(ModelBuilder b)
    {
        b.Entity<CashApplication.CashApplicationRow>(e =>
        {
            e.ToTable("cash_application_rows");
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.Confidence).HasPrecision(9, 4);
            e.HasIndex(x => new { x.StatementLineId, x.RowNo }).IsUnique();
            e.HasIndex(x => x.Status);
        });
        b.Entity<BankStatement>(e =>
        {
            e.ToTable("bank_statements");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Format).HasMaxLength(20);
            e.Property(x => x.ContentSha256).HasMaxLength(64);
            e.Property(x => x.BalanceCheck).HasConversion<string>().HasMaxLength(20);
            // The same file imported again finds its statements by content hash and position.
            e.HasIndex(x => new { x.ContentSha256, x.Position }).IsUnique();
            e.HasIndex(x => new { x.BankAccountId, x.ToDate });
        });
        b.Entity<StatementLine>(e =>
        {
            e.ToTable("statement_lines");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.KeyReference).HasMaxLength(140);
            e.Property(x => x.InstructedCurrency).HasMaxLength(3);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            // The natural key: a booking seen again (re-import, end-of-day after intraday) is never stored twice.
            e.HasIndex(x => new { x.BankAccountId, x.BookingDate, x.KeyReference, x.AmountMinor, x.Occurrence })
                .IsUnique();
            e.HasIndex(x => x.StatementId);
            e.HasIndex(x => new { x.Status, x.BankAccountId });
            e.HasIndex(x => x.JournalEntryId);
            e.HasIndex(x => x.EndToEndId);
            e.HasOne<BankStatement>().WithMany().HasForeignKey(x => x.StatementId);
        });
        b.Entity<BankReconciliation>(e =>
        {
            e.ToTable("bank_reconciliations");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Currency).HasMaxLength(3);
            e.HasIndex(x => new { x.BankAccountId, x.RunAt });
        });
        b.Entity<RemittanceAdvice>(e =>
        {
            e.ToTable("remittance_advices");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.ContentSha256).HasMaxLength(64);
            e.HasIndex(x => new { x.ContentSha256, x.Position }).IsUnique();
            e.HasIndex(x => x.StatementLineId);
            e.HasIndex(x => new { x.AmountMinor, x.PaymentDate });
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.AdviceId);
        });
        b.Entity<RemittanceLine>(e =>
        {
            e.ToTable("remittance_lines");
            e.HasIndex(x => new { x.AdviceId, x.LineNo }).IsUnique();
            e.HasIndex(x => x.InvoiceKey);
        });
    }
}

public sealed class SqliteO2cDb(DbContextOptions<SqliteO2cDb> options) : O2cDb(options)
{
    public override bool IsPostgres => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot order or compare DateTimeOffset; store instants as UTC ticks (sortable integers).
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        // decimal is TEXT in SQLite; rates are only stored and read, never summed in SQL.
    }
}

public sealed class PostgresO2cDb(DbContextOptions<PostgresO2cDb> options) : O2cDb(options)
{
    public override bool IsPostgres => true;
}
