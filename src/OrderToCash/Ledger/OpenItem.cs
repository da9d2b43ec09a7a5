namespace OrderToCash.Ledger;

public enum OpenItemKind { Invoice, CreditMemo, DebitMemo, Receipt, Deduction }

/// <summary>
/// A subledger item: an invoice, memo, deduction (AR side) or a receipt's unapplied cash.
/// </summary>
/// <remarks>
/// The balance is signed like the ledger (debit positive): an invoice opens at +gross, a credit memo and a
/// receipt at −amount. <see cref="OpenMinor"/> is maintained in the same transaction as the journal lines that
/// move it, and <c>o2c check</c> verifies it equals Σ of those lines. Maintained, not derived, so that a
/// million open items can be searched by balance without summing ten million lines.
/// </remarks>
public sealed class OpenItem
{
    public Guid Id { get; init; }
    public required string LegalEntityId { get; init; }
    public required string CustomerId { get; init; }
    public OpenItemKind Kind { get; init; }
    /// <summary>Invoice / memo number, or the receipt's bank reference.</summary>
    public required string Number { get; init; }
    public string? PoNumber { get; init; }
    public DateOnly DocumentDate { get; init; }
    public DateOnly DueDate { get; init; }
    public required string Currency { get; init; }
    public long OriginalMinor { get; init; }
    public long OpenMinor { get; set; }
    public decimal? DiscountPercent { get; init; }
    public DateOnly? DiscountDueDate { get; init; }
    /// <summary>Why a deduction was taken (SHORT_PAY, PRICING, DAMAGED, ...): the dispute starts from it.</summary>
    public string? ReasonCode { get; init; }
    /// <summary>The ledger account this item lives on (AR control, unapplied cash, deductions receivable).</summary>
    public int AccountId { get; init; }
    /// <summary>Normalised number for matching: upper case, letters and digits only.</summary>
    public required string NumberKey { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public bool IsOpen => OpenMinor != 0;
}
