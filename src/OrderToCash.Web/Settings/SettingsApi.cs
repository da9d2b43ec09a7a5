using Microsoft.EntityFrameworkCore;
using OrderToCash.Approvals;
using OrderToCash.Audit;
using OrderToCash.Data;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.Settings;

public sealed record ThresholdBody(string? LegalEntityId, string? Action, string? Currency, decimal? Limit);

public sealed record ThresholdDto(string LegalEntityId, string Action, string Currency, decimal Limit, bool IsDefault);

/// <summary>/api/v1/settings: entities, accounts, periods, FX rates, approval thresholds.</summary>
public static class SettingsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/settings").WithTags("Settings");
        g.MapGet("/entities", (O2cDb db, HttpContext http, CancellationToken ct) => db.LegalEntities.AsNoTracking()
            .Visible(UserScope.Of(http.User), e => e.Id).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Name, e.FunctionalCurrency, e.Country, e.TaxId, e.Address }).ToListAsync(ct))
            .WithSummary("Legal entities");
        g.MapGet("/accounts", (O2cDb db, HttpContext http, CancellationToken ct) => db.Accounts.AsNoTracking()
            .Visible(UserScope.Of(http.User), a => a.LegalEntityId).OrderBy(a => a.LegalEntityId).ThenBy(a => a.Code)
            .Select(a => new { a.LegalEntityId, a.Code, a.Name, Role = a.Role.ToString() }).ToListAsync(ct))
            .WithSummary("Chart of accounts per entity");
        g.MapGet("/periods", (O2cDb db, HttpContext http, CancellationToken ct) => db.FiscalPeriods.AsNoTracking()
            .Visible(UserScope.Of(http.User), p => p.LegalEntityId).OrderBy(p => p.LegalEntityId)
            .ThenByDescending(p => p.Year).ThenByDescending(p => p.Month)
            .Select(p => new { p.LegalEntityId, p.Year, p.Month, Status = p.Status.ToString(), p.ClosedBy })
            .ToListAsync(ct)).WithSummary("Closed (and reopened) periods; a month without a row is open");
        g.MapGet("/fx-rates", (O2cDb db, CancellationToken ct) => db.FxRates.AsNoTracking()
            .OrderByDescending(r => r.Date).ThenBy(r => r.FromCurrency).Take(500)
            .Select(r => new { r.FromCurrency, r.ToCurrency, r.Date, r.Rate, r.Source }).ToListAsync(ct))
            .WithSummary("The latest 500 FX rates");
        g.MapGet("/thresholds", (O2cDb db, HttpContext http, CancellationToken ct) =>
            ThresholdsAsync(db, UserScope.Of(http.User), ct))
            .WithSummary("Approval thresholds per entity, action and currency");
        g.MapPost("/thresholds", SetThresholdAsync).RequireAuthorization(Duties.Configure)
            .WithSummary("Set an approval threshold");
    }

    public static async Task<List<ThresholdDto>> ThresholdsAsync(O2cDb db, UserScope scope, CancellationToken ct)
    {
        var entities = await db.LegalEntities.AsNoTracking().Visible(scope, e => e.Id).ToListAsync(ct);
        var rows = await db.ApprovalThresholds.AsNoTracking().Visible(scope, t => t.LegalEntityId).ToListAsync(ct);
        var result = rows.Select(t => new ThresholdDto(t.LegalEntityId, t.Action, t.Currency,
            t.LimitMinor / (decimal)Money.Currency.Of(t.Currency).MinorPerMajor, false)).ToList();
        foreach (var e in entities)
        foreach (var (action, major) in ApprovalActions.DefaultThresholdMajor)
            if (!result.Any(r => r.LegalEntityId == e.Id && r.Action == action && r.Currency == e.FunctionalCurrency))
                result.Add(new ThresholdDto(e.Id, action, e.FunctionalCurrency, major, true));
        return result.OrderBy(r => r.LegalEntityId).ThenBy(r => r.Action).ThenBy(r => r.Currency).ToList();
    }

    private static async Task<IResult> SetThresholdAsync(ThresholdBody? body, O2cDb db, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var scope = UserScope.Of(http.User);
        var v = new Validation()
            .Check(body?.LegalEntityId is { } e && scope.Sees(e) && await db.LegalEntities.AnyAsync(x => x.Id == e, ct),
                "legalEntityId", "a legal entity you may see")
            .Check(body?.Action is { } a && ApprovalActions.IsKnown(a), "action",
                "one of " + string.Join(", ", ApprovalActions.DefaultThresholdMajor.Keys))
            .Check(Money.Currency.IsKnown(body?.Currency), "currency", "an ISO 4217 code")
            .Check(body?.Limit is >= 0, "limit", "an amount ≥ 0");
        if (!v.IsValid) return v.Problem();
        var currency = Money.Currency.Of(body!.Currency!);
        var minor = (long)Math.Round(body.Limit!.Value * currency.MinorPerMajor);
        var row = await db.ApprovalThresholds.FirstOrDefaultAsync(t => t.LegalEntityId == body.LegalEntityId
            && t.Action == body.Action && t.Currency == currency.Code, ct);
        var before = row?.LimitMinor;
        if (row is null)
            db.ApprovalThresholds.Add(row = new ApprovalThreshold
            {
                LegalEntityId = body.LegalEntityId!, Action = body.Action!, Currency = currency.Code,
            });
        row.LimitMinor = minor;
        new AuditTrail(db, clock, http.User.Identity!.Name!).Record("approval_threshold.set", "approval_threshold",
            $"{row.LegalEntityId}/{row.Action}/{row.Currency}", before is null ? null : new { LimitMinor = before },
            new { LimitMinor = minor }, row.LegalEntityId);
        await db.SaveChangesAsync(ct);
        return Results.Ok(new ThresholdDto(row.LegalEntityId, row.Action, row.Currency, body.Limit.Value, false));
    }
}
