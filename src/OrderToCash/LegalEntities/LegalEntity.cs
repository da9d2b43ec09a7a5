namespace OrderToCash.LegalEntities;

/// <summary>A company code: the books are kept per legal entity, in its functional currency.</summary>
public sealed class LegalEntity
{
    /// <summary>The default entity every new database starts with, so files without legal_entity just work.</summary>
    public const string DefaultId = "DEFAULT";

    public required string Id { get; init; }
    public required string Name { get; set; }
    /// <summary>Fixed once the entity has entries; a provisional entity takes it from its first open items.</summary>
    public required string FunctionalCurrency { get; set; }
    /// <summary>
    /// Opened by an import that named it (not set up by a person): its functional currency is taken from the
    /// currency of its first open items, then fixed.
    /// </summary>
    public bool IsProvisional { get; set; }
    public string? Address { get; set; }
    public string? Country { get; set; }
    public string? TaxId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<BankAccount> BankAccounts { get; init; } = [];
}

/// <summary>An account of the legal entity at a bank; its ledger account (role bank) points back here.</summary>
public sealed class BankAccount
{
    public Guid Id { get; init; }
    public required string LegalEntityId { get; init; }
    /// <summary>IBAN or local account number, normalised (no spaces, upper case).</summary>
    public required string AccountNumber { get; init; }
    public string? Bic { get; set; }
    public required string Currency { get; init; }
    public string? Name { get; set; }
}

public enum PeriodStatus { Open, Closed }

/// <summary>A monthly fiscal period. A month with no row is open; closing writes a row.</summary>
public sealed class FiscalPeriod
{
    public required string LegalEntityId { get; init; }
    public int Year { get; init; }
    public int Month { get; init; }
    public PeriodStatus Status { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }

    public static (int Year, int Month) Of(DateOnly date) => (date.Year, date.Month);
}
