namespace OrderToCash.Customers;

public enum CustomerStatus { Active, OnHold, Closed }

/// <summary>The customer master record.</summary>
public sealed class Customer
{
    public required string Id { get; init; }
    public required string LegalEntityId { get; set; }
    public required string Name { get; set; }
    public required string Currency { get; set; }
    /// <summary>Terms text, e.g. "NET30" or "2/10 NET 30"; parsed by <see cref="PaymentTerms"/>.</summary>
    public string PaymentTerms { get; set; } = "NET30";
    public long? CreditLimitMinor { get; set; }
    public string? Email { get; set; }
    public string Language { get; set; } = "en";
    public string? TaxId { get; set; }
    public string? ParentId { get; set; }
    public string? BillToAddress { get; set; }
    public string? ShipToAddress { get; set; }
    public bool IsPoRequired { get; set; }
    public bool IsInvoicePortalRequired { get; set; }
    public bool IsEInvoiceRequired { get; set; }
    public CustomerStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<CustomerAlias> Aliases { get; init; } = [];
    public List<CustomerBankAccount> BankAccounts { get; init; } = [];
    public List<Contact> Contacts { get; init; } = [];
}

public sealed class CustomerAlias
{
    public long Id { get; init; }
    public required string CustomerId { get; init; }
    public required string Alias { get; init; }
}

/// <summary>An account the customer pays from. <see cref="IsLearned"/>: confirmed by a person on a receipt.</summary>
public sealed class CustomerBankAccount
{
    public long Id { get; init; }
    public required string CustomerId { get; init; }
    public required string AccountNumber { get; init; }
    public bool IsLearned { get; init; }
}

public sealed class Contact
{
    public long Id { get; init; }
    public required string CustomerId { get; init; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string Language { get; set; } = "en";
    public string? Role { get; set; }
}
