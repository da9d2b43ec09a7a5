using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Data;

namespace OrderToCash.Ledger;

/// <summary>
/// Edits the chart of accounts: renames an account. Codes and roles stay, because posted lines and the posting
/// rules refer to them; a new account for a role is added with <see cref="AddAccount"/>.
/// </summary>
public sealed class RenameAccount(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<bool> ExecuteAsync(string legalEntityId, string code, string name, CancellationToken ct = default)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(
            a => a.LegalEntityId == legalEntityId && a.Code == code, ct);
        if (account is null || string.IsNullOrWhiteSpace(name)) return false;
        new AuditTrail(db, clock, actor).Record("account.renamed", "account", $"{legalEntityId}/{code}",
            new { account.Name }, new { Name = name }, legalEntityId);
        account.Name = name.Trim();
        await db.SaveChangesAsync(ct);
        return true;
    }
}

public enum AddAccountError { UnknownLegalEntity, CodeTaken, InvalidCode }

/// <summary>Adds an account to an entity's chart (for example a second revenue account).</summary>
public sealed class AddAccount(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<AddAccountError?> ExecuteAsync(string legalEntityId, string code, string name, AccountRole role,
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 20) return AddAccountError.InvalidCode;
        if (!await db.LegalEntities.AnyAsync(e => e.Id == legalEntityId, ct)) return AddAccountError.UnknownLegalEntity;
        if (await db.Accounts.AnyAsync(a => a.LegalEntityId == legalEntityId && a.Code == code, ct))
            return AddAccountError.CodeTaken;
        db.Accounts.Add(new Account { LegalEntityId = legalEntityId, Code = code, Name = name, Role = role });
        new AuditTrail(db, clock, actor).Record("account.added", "account", $"{legalEntityId}/{code}", null,
            new { Code = code, Name = name, Role = AccountRoles.Name(role) }, legalEntityId);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
