using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.LegalEntities;

public enum CreateLegalEntityError { AlreadyExists, UnknownCurrency, InvalidId }

/// <summary>Creates a legal entity with the default chart of accounts (one account per posting-rule role).</summary>
public sealed class CreateLegalEntity(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<CreateLegalEntityError?> ExecuteAsync(string id, string name, string functionalCurrency,
        string? country = null, string? taxId = null, string? address = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 20) return CreateLegalEntityError.InvalidId;
        if (!Currency.TryParse(functionalCurrency, out var currency)) return CreateLegalEntityError.UnknownCurrency;
        if (await db.LegalEntities.AnyAsync(e => e.Id == id, ct)) return CreateLegalEntityError.AlreadyExists;
        var entity = new LegalEntity
        {
            Id = id, Name = name, FunctionalCurrency = currency.Code, Country = country, TaxId = taxId,
            Address = address, CreatedAt = clock.GetUtcNow(),
        };
        db.LegalEntities.Add(entity);
        foreach (var (code, accountName, role) in AccountRoles.DefaultChart)
            db.Accounts.Add(new Account { LegalEntityId = id, Code = code, Name = accountName, Role = role });
        new AuditTrail(db, clock, actor).Record("legal_entity.created", "legal_entity", id, null,
            new { entity.Id, entity.Name, entity.FunctionalCurrency, entity.Country }, id);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>A new database starts with one default entity (EUR unless $O2C_FUNCTIONAL_CURRENCY says
    /// otherwise).</summary>
    public async Task EnsureDefaultAsync(CancellationToken ct = default)
    {
        if (await db.LegalEntities.AnyAsync(ct)) return;
        var currency = Environment.GetEnvironmentVariable("O2C_FUNCTIONAL_CURRENCY") is { Length: 3 } c ? c : "EUR";
        await ExecuteAsync(LegalEntity.DefaultId, "Default company", currency, ct: ct);
    }
}
