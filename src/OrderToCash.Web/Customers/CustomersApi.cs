using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using OrderToCash.Credit;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.Customers;

public sealed record CustomerDetail(string Id, string Name, string LegalEntityId, string Currency, string Status,
    string PaymentTerms, decimal? CreditLimit, string? Email, string Language, string? TaxId, string? BillToAddress,
    IReadOnlyList<ContactDto> Contacts, IReadOnlyList<string> Aliases);

public sealed record ContactDto(string Name, string? Email, string? Role, string Language);

public sealed record OpenItemDto(Guid Id, string Kind, string Number, string? PoNumber, DateOnly DocumentDate,
    DateOnly DueDate, string Currency, decimal Original, decimal Open);

public sealed record LedgerLineDto(Guid EntryId, DateOnly PostingDate, string Kind, string Memo, string Account,
    string Currency, decimal Amount);

public sealed record ActivityDto(DateTimeOffset At, string Actor, string Action, string? Before, string? After);

public sealed record CreditLimitBody(decimal? CreditLimit, bool? NoLimit, string? Reason);

public sealed record CreditLimitAnswer(string Result, Guid? ApprovalId);

/// <summary>/api/v1/customers: the list (filter, sort, cursor), the Excel export, one customer and its pages.</summary>
public static class CustomersApi
{
    public const int ExportMax = 100_000;

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/customers").WithTags("Customers");
        g.MapGet("/", ListAsync).WithSummary("Customers, filtered and sorted, a page at a time");
        g.MapGet("/export.xlsx", ExportAsync)
            .WithSummary("The filtered list as an Excel workbook (first 100,000 rows)");
        g.MapGet("/{id}", GetAsync).WithSummary("One customer with contacts and aliases");
        g.MapGet("/{id}/open-items", OpenItemsAsync).WithSummary("The customer's open items");
        g.MapGet("/{id}/ledger-lines", LedgerLinesAsync).WithSummary("The customer's journal lines, newest first");
        g.MapGet("/{id}/activity", ActivityAsync).WithSummary("The customer's audit timeline, newest first");
        g.MapPost("/{id}/credit-limit", ChangeCreditLimitAsync).RequireAuthorization(Duties.ChangeCreditLimit)
            .WithSummary("Set the credit limit; above the threshold it waits for approval (202)");
    }

    private static async Task<IResult> ListAsync(O2cDb db, HttpContext http, string? search, string? entity,
        string? currency, string? status, string? sort, bool? desc, string? cursor, int? limit, CancellationToken ct)
    {
        var v = new Validation()
            .Check(sort is null || CustomerFilter.SortFields.Contains(sort), "sort",
                "sort by one of " + string.Join(", ", CustomerFilter.SortFields))
            .Check(Paging.IsValid(cursor), "cursor", "not a cursor this API returned")
            .Check(limit is null or (>= 1 and <= Paging.MaxLimit), "limit", $"between 1 and {Paging.MaxLimit}");
        if (!v.IsValid) return v.Problem();
        var q = CustomerList.Query(db, UserScope.Of(http.User),
            new CustomerFilter(search, entity, currency, status, sort, desc ?? false));
        var page = await Paging.ReadAsync(q, cursor, limit, ct);
        return Results.Ok(page with { Items = page.Items.Select(CustomerList.ToMajor).ToList() });
    }

    private static async Task<IResult> ExportAsync(O2cDb db, HttpContext http, string? search, string? entity,
        string? currency, string? status, string? sort, bool? desc, CancellationToken ct)
    {
        var rows = await CustomerList.Query(db, UserScope.Of(http.User),
                new CustomerFilter(search, entity, currency, status,
                    sort is not null && CustomerFilter.SortFields.Contains(sort) ? sort : null, desc ?? false))
            .Take(ExportMax).ToListAsync(ct);
        var stream = new MemoryStream();
        await stream.SaveAsAsync(rows.Select(CustomerList.ToMajor).Select(r => new
        {
            customer_id = r.Id, name = r.Name, legal_entity = r.LegalEntityId, currency = r.Currency,
            status = r.Status, payment_terms = r.PaymentTerms, credit_limit = r.CreditLimit,
            open_balance = r.OpenBalance, email = r.Email,
        }), sheetName: "Customers", cancellationToken: ct);
        stream.Position = 0;
        return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "customers.xlsx");
    }

    /// <summary>The customer if the person may see its entity; otherwise null, and the caller answers 404.</summary>
    public static Task<OrderToCash.Customers.Customer?> FindVisibleAsync(O2cDb db, UserScope scope, string id,
        CancellationToken ct) =>
        db.Customers.AsNoTracking().Include(c => c.Contacts).Include(c => c.Aliases)
            .Visible(scope, c => c.LegalEntityId).FirstOrDefaultAsync(c => c.Id == id, ct);

    private static async Task<IResult> GetAsync(O2cDb db, HttpContext http, string id, CancellationToken ct)
    {
        var c = await FindVisibleAsync(db, UserScope.Of(http.User), id, ct);
        if (c is null) return Problems.NotFound("customer", id);
        var per = Money.Currency.Of(c.Currency).MinorPerMajor;
        return Results.Ok(new CustomerDetail(c.Id, c.Name, c.LegalEntityId, c.Currency, c.Status.ToString(),
            c.PaymentTerms, c.CreditLimitMinor / (decimal)per, c.Email, c.Language, c.TaxId, c.BillToAddress,
            c.Contacts.Select(x => new ContactDto(x.Name, x.Email, x.Role, x.Language)).ToList(),
            c.Aliases.Select(a => a.Alias).ToList()));
    }

    private static async Task<IResult> OpenItemsAsync(O2cDb db, HttpContext http, string id, bool? all,
        string? cursor, int? limit, CancellationToken ct) =>
        await FindVisibleAsync(db, UserScope.Of(http.User), id, ct) is null ? Problems.NotFound("customer", id)
            : Results.Ok(await CustomerRecord.OpenItemsAsync(db, id, all == true, cursor, limit, ct));

    private static async Task<IResult> LedgerLinesAsync(O2cDb db, HttpContext http, string id, string? cursor,
        int? limit, CancellationToken ct) =>
        await FindVisibleAsync(db, UserScope.Of(http.User), id, ct) is null ? Problems.NotFound("customer", id)
            : Results.Ok(await CustomerRecord.LedgerLinesAsync(db, id, cursor, limit, ct));

    private static async Task<IResult> ActivityAsync(O2cDb db, HttpContext http, string id, string? cursor,
        int? limit, CancellationToken ct) =>
        await FindVisibleAsync(db, UserScope.Of(http.User), id, ct) is null ? Problems.NotFound("customer", id)
            : Results.Ok(await CustomerRecord.ActivityAsync(db, id, cursor, limit, ct));

    private static async Task<IResult> ChangeCreditLimitAsync(O2cDb db, HttpContext http, TimeProvider clock,
        string id, CreditLimitBody? body, CancellationToken ct)
    {
        var v = new Validation()
            .Check(body is not null, "body", "send {creditLimit, noLimit, reason}")
            .Check(body?.NoLimit == true || body?.CreditLimit is >= 0, "creditLimit",
                "a limit ≥ 0 in the customer's currency, or noLimit: true")
            .Check(body?.NoLimit != true || body.CreditLimit is null, "noLimit", "give either creditLimit or noLimit")
            .Check(!string.IsNullOrWhiteSpace(body?.Reason) && body.Reason.Length <= 500, "reason",
                "say why, in at most 500 characters");
        if (!v.IsValid) return v.Problem();
        var customer = await FindVisibleAsync(db, UserScope.Of(http.User), id, ct);
        if (customer is null) return Problems.NotFound("customer", id);
        var per = Money.Currency.Of(customer.Currency).MinorPerMajor;
        long? minor = body!.NoLimit == true ? null : (long)Math.Round(body.CreditLimit!.Value * per);
        var outcome = await new ChangeCreditLimit(db, clock, http.User.Identity!.Name!)
            .ExecuteAsync(Guid.CreateVersion7(clock.GetUtcNow()), id, minor, body.Reason!, ct);
        if (outcome.Error is { } e)
            return Problems.Refused(e, outcome.Detail, conflict: e == CreditLimitError.ChangePending);
        return outcome.Result == CreditLimitResult.Applied
            ? Results.Ok(new CreditLimitAnswer("applied", null))
            : Results.Accepted($"/api/v1/approvals/{outcome.ApprovalId}",
                new CreditLimitAnswer("awaiting_approval", outcome.ApprovalId));
    }
}
