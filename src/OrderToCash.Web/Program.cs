using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using OrderToCash.Web.Shell;

// `--demo` is a switch; the configuration command line wants key/value pairs, so it becomes demo=true here.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());
if (demo) builder.Configuration["demo"] = "true";
var services = builder.Services;

services.AddSingleton(TimeProvider.System);
// Resolved lazily from configuration, so test hosts can point the app at their own database.
services.AddSingleton(sp => DbTarget.From(sp.GetRequiredService<IConfiguration>()));
services.AddScoped(sp => sp.GetRequiredService<DbTarget>().OpenCore());
services.AddScoped(sp => sp.GetRequiredService<DbTarget>().OpenWeb());

services.AddIdentityCore<AppUser>(WebIdentity.Configure)
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<WebDb>()
    .AddSignInManager()
    .AddClaimsPrincipalFactory<AppClaims>();
services.AddAuthentication(o =>
    {
        o.DefaultScheme = "cookie-or-token";
        o.DefaultChallengeScheme = "cookie-or-token";
    })
    .AddPolicyScheme("cookie-or-token", "Sign-in cookie or personal access token", o =>
        o.ForwardDefaultSelector = http => http.Request.Headers.Authorization.ToString()
            .StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? AccessTokenAuthentication.Name : IdentityConstants.ApplicationScheme)
    .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthentication>(AccessTokenAuthentication.Name, null)
    .AddIdentityCookies();
services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/signin";
    o.Cookie.Name = "o2c.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.ExpireTimeSpan = TimeSpan.FromHours(10);
    // The API answers 401/403; only pages redirect to the sign-in page.
    o.Events.OnRedirectToLogin = c => ApiOr(c, 401, () => c.Response.Redirect(c.RedirectUri));
    o.Events.OnRedirectToAccessDenied = c => ApiOr(c, 403, () => c.Response.Redirect("/denied"));
});
services.AddAuthorization(Duties.AddPolicies);
services.AddCascadingAuthenticationState();
services.AddDataProtection().SetApplicationName("OrderToCash");
services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<
    Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
    new Microsoft.Extensions.Options.ConfigureOptions<
        Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
        o.XmlRepository = new ProtectionKeyStore(sp.GetRequiredService<DbTarget>())));
services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = 429;
    foreach (var name in new[] { AccountEndpoints.SignInLimit, OrderToCash.Web.Users.UsersApi.TokenLimit })
        o.AddPolicy(name, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "local",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) }));
});
services.AddProblemDetails();
services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "OrderToCash API";
    doc.Info.Description = "Authenticate with `Authorization: Bearer <personal access token>` or the sign-in cookie. " +
        "Errors are RFC 7807 problem details; POSTs accept an Idempotency-Key header; lists page with ?cursor=.";
    return Task.CompletedTask;
}));
services.AddLocalization();
services.AddHttpClient();
services.AddHostedService<WebhookSender>();
services.AddSingleton<OrderToCash.Web.CashApplication.ReceiptEventRelay>();
services.AddHostedService(sp => sp.GetRequiredService<OrderToCash.Web.CashApplication.ReceiptEventRelay>());
services.AddMudServices();
services.AddRazorComponents().AddInteractiveServerComponents();
services.AddAntiforgery();

var app = builder.Build();
await PrepareDatabase.RunAsync(app);

// A malformed body or a bad antiforgery token is the caller's error (400), not ours.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : 500,
});
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseRequestLocalization(o =>
{
    o.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(UserLanguageProvider.Cultures[0]);
    o.SupportedCultures = o.SupportedUICultures = UserLanguageProvider.Cultures;
    o.RequestCultureProviders.Insert(0, new UserLanguageProvider());
});
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseMiddleware<Idempotency>();

app.MapStaticAssets().AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapHealth();
app.MapAccount();
var api = app.MapGroup("/api/v1").RequireAuthorization(Duties.Read).DisableAntiforgery();
OrderToCash.Web.Customers.CustomersApi.Map(api);
OrderToCash.Web.Ledger.LedgerApi.Map(api);
OrderToCash.Web.Audit.AuditApi.Map(api);
OrderToCash.Web.Approvals.ApprovalsApi.Map(api);
OrderToCash.Web.CashApplication.CashApplicationApi.Map(api);
OrderToCash.Web.CashApplication.StatementsApi.Map(api);
OrderToCash.Web.CashApplication.ReceiptsApi.Map(api);
OrderToCash.Web.Dashboard.DashboardApi.Map(api);
OrderToCash.Web.Settings.SettingsApi.Map(api);
OrderToCash.Web.Users.UsersApi.Map(api);
app.MapRazorComponents<OrderToCash.Web.Shell.App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() => PrepareDatabase.PrintBanner(app));
await app.RunAsync();

static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<
    Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> c, int status, Action page)
{
    if (c.Request.Path.StartsWithSegments("/api")) c.Response.StatusCode = status;
    else page();
    return Task.CompletedTask;
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
