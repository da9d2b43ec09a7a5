using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OrderToCash.Approvals;
using OrderToCash.Audit;
using OrderToCash.Data;

namespace OrderToCash.Credit;

public enum CreditLimitError { UnknownCustomer, InvalidAmount, CustomerClosed, ChangePending }

public enum CreditLimitResult { Applied, AwaitingApproval }

public sealed record CreditLimitOutcome(CreditLimitResult? Result, Guid? ApprovalId, CreditLimitError? Error,
    string Detail)
{
    public static CreditLimitOutcome Refused(CreditLimitError e, string detail) => new(null, null, e, detail);
}

/// <summary>
/// Sets a customer's credit limit (null: no limit). A raise above the entity's threshold waits for a second person;
/// a cut, or a raise at or below the threshold, applies at once. Either way the change is audited.
/// </summary>
public sealed class ChangeCreditLimit(O2cDb db, TimeProvider clock, string actor)
{
    private sealed record Payload(string CustomerId, long? NewLimitMinor, string Reason);

    public async Task<CreditLimitOutcome> ExecuteAsync(Guid requestId, string customerId, long? newLimitMinor,
        string reason, CancellationToken ct = default)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
            return CreditLimitOutcome.Refused(CreditLimitError.UnknownCustomer, $"no customer {customerId}");
        if (newLimitMinor < 0) return CreditLimitOutcome.Refused(CreditLimitError.InvalidAmount, "a limit is ≥ 0");
        if (customer.Status == Customers.CustomerStatus.Closed)
            return CreditLimitOutcome.Refused(CreditLimitError.CustomerClosed, $"{customerId} is closed");
        if (await db.ApprovalRequests.AnyAsync(r => r.SubjectId == customerId
                && r.Action == ApprovalActions.CreditLimitChange && r.Status == ApprovalStatus.Pending, ct))
            return CreditLimitOutcome.Refused(CreditLimitError.ChangePending,
                $"a credit-limit change for {customerId} already waits for approval");

        var currency = Money.Currency.Of(customer.Currency);
        // No limit counts as an unbounded raise: removing the limit always needs a second person.
        var raise = newLimitMinor is { } n ? Math.Max(0, n - (customer.CreditLimitMinor ?? 0)) : long.MaxValue;
        var approvals = new RequestApproval(db, clock, actor);
        if (await approvals.IsNeededAsync(customer.LegalEntityId, ApprovalActions.CreditLimitChange,
                new Money.Money(raise, currency), ct))
        {
            var limitText = newLimitMinor is { } l ? new Money.Money(l, currency).ToString() : "no limit";
            approvals.File(new ApprovalDraft(requestId, customer.LegalEntityId, ApprovalActions.CreditLimitChange,
                customerId, $"Credit limit of {customer.Name} to {limitText}",
                new Money.Money(newLimitMinor ?? 0, currency), new Payload(customerId, newLimitMinor, reason)));
            await db.SaveChangesAsync(ct);
            return new CreditLimitOutcome(CreditLimitResult.AwaitingApproval, requestId, null, "");
        }
        // From here on, the change must succeed.
        Apply(customer, newLimitMinor, reason, actor, null);
        await db.SaveChangesAsync(ct);
        return new CreditLimitOutcome(CreditLimitResult.Applied, null, null, "");
    }

    private void Apply(Customers.Customer customer, long? newLimitMinor, string reason, string by, string? approvedBy)
    {
        var before = customer.CreditLimitMinor;
        customer.CreditLimitMinor = newLimitMinor;
        new AuditTrail(db, clock, by).Record("customer.credit_limit_changed", "customer", customer.Id,
            new { CreditLimitMinor = before }, new { CreditLimitMinor = newLimitMinor, Reason = reason, approvedBy },
            customer.LegalEntityId);
    }

    /// <summary>The approved change: applied as the maker asked, recorded with the checker's name.</summary>
    public static async Task<string?> ApplyApprovedAsync(O2cDb db, TimeProvider clock, string checker,
        ApprovalRequest request, CancellationToken ct)
    {
        var p = JsonSerializer.Deserialize<Payload>(request.Payload)!;
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == p.CustomerId, ct);
        if (customer is null) return $"customer {p.CustomerId} no longer exists";
        new ChangeCreditLimit(db, clock, request.RequestedBy).Apply(customer, p.NewLimitMinor, p.Reason,
            request.RequestedBy, checker);
        return null;
    }
}
