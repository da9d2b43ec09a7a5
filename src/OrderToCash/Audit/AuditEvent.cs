namespace OrderToCash.Audit;

/// <summary>One state change: who, when, what, before → after. Append-only.</summary>
public sealed class AuditEvent
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    /// <summary>The action, e.g. customer.created, customer.updated, entry.posted, import.open_items.</summary>
    public required string Action { get; init; }
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }
    public string? LegalEntityId { get; init; }
    /// <summary>JSON of the changed fields before, or null for a creation.</summary>
    public string? Before { get; init; }
    public string? After { get; init; }
}
