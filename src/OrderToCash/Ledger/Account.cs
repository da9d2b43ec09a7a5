namespace OrderToCash.Ledger;

/// <summary>The part an account plays in the posting rules (PRODUCT.md); reports and checks go by role.</summary>
public enum AccountRole
{
    ArControl, Bank, Revenue, TaxPayable, UnappliedCash, Suspense, SalesDiscounts, DeductionsReceivable,
    WriteOff, BadDebtExpense, Allowance, RefundsPayable, WrongPocketClearing, BankCharges, FxGain, FxLoss,
    UnbilledReceivables, OpeningBalanceClearing, ArRevaluation, FinanceChargeIncome, SalesReturns, ExchangeClearing,
    Other,
}

/// <summary>An account of a legal entity's chart of accounts.</summary>
public sealed class Account
{
    public int Id { get; init; }
    public required string LegalEntityId { get; init; }
    public required string Code { get; init; }
    public required string Name { get; set; }
    public AccountRole Role { get; init; }
    /// <summary>Set for bank accounts: the bank account this ledger account mirrors.</summary>
    public Guid? BankAccountId { get; init; }
}

public static class AccountRoles
{
    /// <summary>Roles whose balance is carried by open items: every line on them names its item.</summary>
    public static bool CarriesOpenItems(AccountRole role) =>
        role is AccountRole.ArControl or AccountRole.UnappliedCash or AccountRole.DeductionsReceivable;

    /// <summary>snake_case name used in files and reports: ArControl → ar_control.</summary>
    public static string Name(AccountRole role) =>
        string.Concat(role.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c)
            : char.ToLowerInvariant(c).ToString()));

    /// <summary>The default chart: one account per role a posting rule needs, with a conventional code.</summary>
    public static IReadOnlyList<(string Code, string Name, AccountRole Role)> DefaultChart { get; } =
    [
        ("1000", "Bank (main account)", AccountRole.Bank),
        ("1100", "Accounts receivable", AccountRole.ArControl),
        ("1105", "AR revaluation", AccountRole.ArRevaluation),
        ("1110", "Deductions receivable", AccountRole.DeductionsReceivable),
        ("1150", "Unbilled receivables", AccountRole.UnbilledReceivables),
        ("1190", "Allowance for doubtful accounts", AccountRole.Allowance),
        ("2100", "Tax payable", AccountRole.TaxPayable),
        ("2200", "Unapplied cash", AccountRole.UnappliedCash),
        ("2210", "Suspense (unidentified receipts)", AccountRole.Suspense),
        ("2220", "Refunds payable", AccountRole.RefundsPayable),
        ("2230", "Wrong-pocket clearing", AccountRole.WrongPocketClearing),
        ("2240", "Currency exchange clearing", AccountRole.ExchangeClearing),
        ("2900", "Opening-balance clearing", AccountRole.OpeningBalanceClearing),
        ("4000", "Revenue", AccountRole.Revenue),
        ("4100", "Sales returns and allowances", AccountRole.SalesReturns),
        ("4200", "Finance-charge income", AccountRole.FinanceChargeIncome),
        ("4900", "Sales discounts", AccountRole.SalesDiscounts),
        ("6100", "Write-offs", AccountRole.WriteOff),
        ("6110", "Bad-debt expense", AccountRole.BadDebtExpense),
        ("6200", "Bank charges", AccountRole.BankCharges),
        ("7100", "FX gain", AccountRole.FxGain),
        ("7200", "FX loss", AccountRole.FxLoss),
    ];
}
