namespace OrderToCash.Approvals;

public enum ApprovalStatus { Pending, Approved, Rejected }

/// <summary>
/// An action that waits for a second person (maker ≠ checker). The action's own use case wrote
/// <see cref="Payload"/>; on approval it reads it back and applies the action in the same transaction as the decision.
/// </summary>
public sealed class ApprovalRequest
{
    public Guid Id { get; init; }
    public required string LegalEntityId { get; init; }
    /// <summary>What waits: one of <see cref="ApprovalActions"/>, e.g. credit_limit.change.</summary>
    public required string Action { get; init; }
    /// <summary>The object the action changes: a customer id, an open item id.</summary>
    public required string SubjectId { get; init; }
    public required string Summary { get; init; }
    /// <summary>The amount compared with the threshold, in <see cref="Currency"/> minor units.</summary>
    public long AmountMinor { get; init; }
    public required string Currency { get; init; }
    /// <summary>JSON the action's use case reads when the request is approved.</summary>
    public required string Payload { get; init; }
    public required string RequestedBy { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public ApprovalStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
}

/// <summary>
/// Above this amount (per entity, action and currency) an action needs a second person. With no row, the
/// action's default in <see cref="ApprovalActions.DefaultThresholdMajor"/> applies.
/// </summary>
public sealed class ApprovalThreshold
{
    public required string LegalEntityId { get; init; }
    public required string Action { get; init; }
    public required string Currency { get; init; }
    public long LimitMinor { get; set; }
}

/// <summary>The actions that can wait for approval, and their default thresholds in major units.</summary>
public static class ApprovalActions
{
    public const string CreditLimitChange = "credit_limit.change";
    public const string SmallBalanceWriteOff = "write_off.small_balance";

    public static IReadOnlyDictionary<string, long> DefaultThresholdMajor { get; } = new Dictionary<string, long>
    {
        [CreditLimitChange] = 10_000,
        [SmallBalanceWriteOff] = 50,
    };

    public static bool IsKnown(string action) => DefaultThresholdMajor.ContainsKey(action);
}
