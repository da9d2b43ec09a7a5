using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Data;
using OrderToCash.LegalEntities;
using OrderToCash.Money;

namespace OrderToCash.Customers;

/// <summary>
/// Imports customers.csv (contract in PRODUCT.md). All or nothing: any bad row refuses the file, unless
/// <c>skipInvalid</c>, which imports the good rows and hands back the bad ones. A customer already on file with the
/// same values is left alone; one with other values is updated and the change audited; the same file twice adds
/// nothing.
/// </summary>
public sealed class ImportCustomers(O2cDb db, TimeProvider clock, string actor)
{
    public static readonly string[] Required = ["customer_id", "name", "aliases", "bank_accounts"];

    public async Task<ImportResult> ExecuteAsync(string fileName, string text, bool skipInvalid,
        string? rejectPath = null, CancellationToken ct = default)
    {
        var (table, headerProblem) = CsvTable.Read(text, Required);
        if (table is null) return ImportResult.Refused([headerProblem!]);
        var hash = FileHash.Sha256(text);
        if (await db.ImportBatches.AnyAsync(b => b.Kind == "customers" && b.ContentSha256 == hash, ct))
            return ImportResult.AlreadyImported();

        var entities = await db.LegalEntities.AsNoTracking().ToDictionaryAsync(e => e.Id, ct);
        // A legal entity the file names and the database lacks is opened with the file (and said so), so a fresh
        // database takes a multi-entity customer file; its functional currency is its customers' first currency.
        var opened = new Dictionary<string, string>();
        foreach (var row in table.Rows)
        {
            var id = row["legal_entity"];
            if (id.Length == 0 || id.Length > 20 || entities.ContainsKey(id) || opened.ContainsKey(id)) continue;
            opened[id] = Currency.TryParse(row["currency"], out var c) ? c.Code
                : entities[LegalEntity.DefaultId].FunctionalCurrency;
        }
        foreach (var (id, currency) in opened)
            entities[id] = new LegalEntity { Id = id, Name = id, FunctionalCurrency = currency };
        var existing = await db.Customers.Include(c => c.Aliases).Include(c => c.BankAccounts)
            .ToDictionaryAsync(c => c.Id, ct);
        var problems = new List<ImportProblem>();
        var parsed = new List<(CsvRow Row, Customer Customer, string[] Aliases, string[] Accounts)>();
        var seen = new HashSet<string>();
        foreach (var row in table.Rows)
        {
            var rowProblems = new List<ImportProblem>();
            var c = Parse(row, entities, rowProblems);
            if (c is not null && !seen.Add(c.Value.Customer.Id))
                rowProblems.Add(new(row.Line, "customer_id",
                    $"customer {c.Value.Customer.Id} appears twice in the file"));
            if (rowProblems.Count > 0) problems.AddRange(rowProblems);
            else parsed.Add((row, c!.Value.Customer, c.Value.Aliases, c.Value.Accounts));
        }
        var ids = parsed.Select(p => p.Customer.Id).ToHashSet();
        foreach (var p in parsed.ToList())
        {
            if (p.Customer.ParentId is { } parent && !ids.Contains(parent) && !existing.ContainsKey(parent))
            {
                problems.Add(new(p.Row.Line, "parent_id", $"parent customer {parent} is not in the file nor on file"));
                parsed.Remove(p);
            }
        }
        if (problems.Count > 0 && !skipInvalid) return ImportResult.Refused(problems);

        // From here on, the import must succeed: one transaction with the entities it opens.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (id, currency) in opened)
        {
            await new CreateLegalEntity(db, clock, actor).ExecuteAsync(id, id, currency, ct: ct);
            (await db.LegalEntities.FirstAsync(e => e.Id == id, ct)).IsProvisional = true;
        }
        var audit = new AuditTrail(db, clock, actor);
        int imported = 0, updated = 0, unchanged = 0;
        foreach (var (_, incoming, aliases, accounts) in parsed)
        {
            if (!existing.TryGetValue(incoming.Id, out var current))
            {
                incoming.Aliases.AddRange(aliases.Select(a =>
                    new CustomerAlias { CustomerId = incoming.Id, Alias = a }));
                incoming.BankAccounts.AddRange(accounts.Select(a =>
                    new CustomerBankAccount { CustomerId = incoming.Id, AccountNumber = a }));
                db.Customers.Add(incoming);
                audit.Record("customer.created", "customer", incoming.Id, null, Snapshot(incoming, aliases, accounts),
                    incoming.LegalEntityId);
                imported++;
                continue;
            }
            if (Merge(current, incoming, aliases, accounts, audit)) updated++;
            else unchanged++;
        }
        db.ImportBatches.Add(new ImportBatch
        {
            Id = Guid.CreateVersion7(), Kind = "customers", ContentSha256 = hash, FileName = fileName,
            Rows = table.Rows.Count,
            At = clock.GetUtcNow(), Actor = actor,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (problems.Count > 0 && rejectPath is not null)
            RejectFile.Write(rejectPath, table.Header, table.Rows, problems);
        return new ImportResult(false, imported, unchanged, updated, problems,
            RejectFile: problems.Count > 0 ? rejectPath : null) { OpenedEntities = [.. opened.Keys] };
    }

    private bool Merge(Customer current, Customer incoming, string[] aliases, string[] accounts, AuditTrail audit)
    {
        var before = Snapshot(current, current.Aliases.Select(a => a.Alias).ToArray(),
            current.BankAccounts.Where(b => !b.IsLearned).Select(b => b.AccountNumber).ToArray());
        var diff = AuditTrail.Diff(current, incoming);
        var newAliases = aliases.Where(a => current.Aliases.All(x => x.Alias != a)).ToList();
        var newAccounts = accounts.Where(a => current.BankAccounts.All(x => x.AccountNumber != a)).ToList();
        var changed = diff is { } d && d.After.Keys.Any(k => k is not (nameof(Customer.CreatedAt)));
        if (!changed && newAliases.Count == 0 && newAccounts.Count == 0) return false;
        current.Name = incoming.Name;
        current.LegalEntityId = incoming.LegalEntityId;
        current.Currency = incoming.Currency;
        current.PaymentTerms = incoming.PaymentTerms;
        current.CreditLimitMinor = incoming.CreditLimitMinor;
        current.Email = incoming.Email;
        current.Language = incoming.Language;
        current.ParentId = incoming.ParentId;
        foreach (var a in newAliases) current.Aliases.Add(new CustomerAlias { CustomerId = current.Id, Alias = a });
        foreach (var a in newAccounts)
            current.BankAccounts.Add(new CustomerBankAccount { CustomerId = current.Id, AccountNumber = a });
        var after = Snapshot(current, current.Aliases.Select(a => a.Alias).ToArray(),
            current.BankAccounts.Where(b => !b.IsLearned).Select(b => b.AccountNumber).ToArray());
        audit.Record("customer.updated", "customer", current.Id, before, after, current.LegalEntityId);
        return true;
    }

    private static object Snapshot(Customer c, string[] aliases, string[] accounts) => new
    {
        c.Id, c.Name, c.LegalEntityId, c.Currency, c.PaymentTerms, c.CreditLimitMinor, c.Email, c.Language,
        c.ParentId, Aliases = aliases, BankAccounts = accounts,
    };

    private (Customer Customer, string[] Aliases, string[] Accounts)? Parse(CsvRow row,
        IReadOnlyDictionary<string, LegalEntity> entities, List<ImportProblem> problems)
    {
        var id = row["customer_id"];
        var name = row["name"];
        if (id.Length == 0) problems.Add(new(row.Line, "customer_id", "is empty"));
        else if (id.Length > 64) problems.Add(new(row.Line, "customer_id", "is longer than 64 characters"));
        if (name.Length == 0) problems.Add(new(row.Line, "name", "is empty"));
        var entityId = row["legal_entity"].Length > 0 ? row["legal_entity"] : LegalEntity.DefaultId;
        if (!entities.TryGetValue(entityId, out var entity))
        {
            problems.Add(new(row.Line, "legal_entity", $"unknown legal entity '{entityId}'"));
            return null;
        }
        var currencyText = row["currency"].Length > 0 ? row["currency"] : entity.FunctionalCurrency;
        if (!Currency.TryParse(currencyText, out var currency))
            problems.Add(new(row.Line, "currency", $"unknown currency '{currencyText}'"));
        var terms = row["payment_terms"].Length > 0 ? row["payment_terms"] : "NET30";
        if (!PaymentTerms.TryParse(terms, out _))
            problems.Add(new(row.Line, "payment_terms", $"'{terms}' is not a payment term (e.g. NET30, 2/10 NET 30)"));
        long? limit = null;
        if (row["credit_limit"].Length > 0 && currency != default)
        {
            if (Amounts.TryParseMinor(row["credit_limit"], currency, out var minor, out var error) && minor >= 0)
                limit = minor;
            else problems.Add(new(row.Line, "credit_limit", error.Length > 0 ? error : "must not be negative"));
        }
        var language = row["language"].Length > 0 ? row["language"].ToLowerInvariant() : "en";
        if (language is not ("en" or "zh"))
            problems.Add(new(row.Line, "language", $"'{row["language"]}' is not a supported language (en, zh)"));
        var email = row["email"];
        if (email.Length > 0 && (!email.Contains('@') || email.Contains(' ')))
            problems.Add(new(row.Line, "email", $"'{email}' is not an e-mail address"));
        if (problems.Count > 0) return null;
        var aliases = SplitList(row["aliases"]);
        var accounts = SplitList(row["bank_accounts"]).Select(RegisterBankAccount.Normalise)
            .Where(a => a.Length > 0).Distinct().ToArray();
        var customer = new Customer
        {
            Id = id, Name = name, LegalEntityId = entity.Id, Currency = currency.Code, PaymentTerms = terms,
            CreditLimitMinor = limit, Email = email.Length > 0 ? email : null, Language = language,
            ParentId = row["parent_id"].Length > 0 ? row["parent_id"] : null, CreatedAt = clock.GetUtcNow(),
        };
        return (customer, aliases, accounts);
    }

    private static string[] SplitList(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToArray();

    internal static string Format(long? minor, string currency) =>
        minor is null ? "" : Amounts.Format(minor.Value, Currency.Of(currency)).ToString(CultureInfo.InvariantCulture);
}
