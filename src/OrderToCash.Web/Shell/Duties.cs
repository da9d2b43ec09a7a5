using Microsoft.AspNetCore.Authorization;

namespace OrderToCash.Web.Shell;

/// <summary>The roles of PRODUCT.md. Role names are the Identity role names.</summary>
public static class Roles
{
    public const string Admin = "Admin", Billing = "Billing", CashApplication = "CashApplication", Credit = "Credit",
        Collections = "Collections", TeamLead = "TeamLead", Treasury = "Treasury", Auditor = "Auditor";

    public static IReadOnlyList<string> All { get; } =
        [Admin, Billing, CashApplication, Credit, Collections, TeamLead, Treasury, Auditor];

    public static string? Normalise(string name) =>
        All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(r, name.Replace("-", "").Replace("_", ""), StringComparison.OrdinalIgnoreCase)
            || (name.Equals("cashapp", StringComparison.OrdinalIgnoreCase) && r == CashApplication));

    /// <summary>
    /// Pairs one person may not hold (segregation of duties): who bills does not apply cash; who applies cash does
    /// not edit the customer master; administrators do not post; the auditor only reads.
    /// </summary>
    public static IReadOnlyList<(string A, string B)> Conflicts { get; } =
    [
        (Billing, CashApplication), (CashApplication, Credit), (CashApplication, Collections),
        (Admin, Billing), (Admin, CashApplication), (Admin, Credit), (Admin, Collections), (Admin, TeamLead),
        (Auditor, Admin), (Auditor, Billing), (Auditor, CashApplication), (Auditor, Credit), (Auditor, Collections),
        (Auditor, TeamLead), (Auditor, Treasury),
    ];

    public static IEnumerable<string> ConflictsIn(IReadOnlyCollection<string> roles) =>
        Conflicts.Where(c => roles.Contains(c.A) && roles.Contains(c.B)).Select(c => $"{c.A} + {c.B}");
}

/// <summary>
/// What a person may do, as authorization policies checked on the server for every endpoint and page. The UI hides
/// what a policy refuses, but the refusal itself is here.
/// </summary>
public static class Duties
{
    public const string Read = "read";
    public const string EditCustomerMaster = "customer-master";
    public const string ChangeCreditLimit = "credit-limit";
    public const string ApplyCash = "apply-cash";
    /// <summary>See statements, exceptions and proposals: who applies cash, their lead, the auditor.</summary>
    public const string ReviewCash = "review-cash";
    public const string Approve = "approve";
    public const string ManageUsers = "manage-users";
    public const string Configure = "configure";

    /// <summary>The matrix of docs/web.md: duty → roles that hold it.</summary>
    public static IReadOnlyDictionary<string, string[]> Matrix { get; } = new Dictionary<string, string[]>
    {
        [Read] = [.. Roles.All],
        [EditCustomerMaster] = [Roles.Credit, Roles.Collections, Roles.TeamLead],
        [ChangeCreditLimit] = [Roles.Credit, Roles.TeamLead],
        [ApplyCash] = [Roles.CashApplication],
        [ReviewCash] = [Roles.CashApplication, Roles.TeamLead, Roles.Auditor],
        [Approve] = [Roles.TeamLead],
        [ManageUsers] = [Roles.Admin],
        [Configure] = [Roles.Admin, Roles.TeamLead],
    };

    public static void AddPolicies(AuthorizationOptions o)
    {
        foreach (var (duty, roles) in Matrix) o.AddPolicy(duty, p => p.RequireAuthenticatedUser().RequireRole(roles));
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
