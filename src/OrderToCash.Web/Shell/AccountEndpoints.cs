using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace OrderToCash.Web.Shell;

/// <summary>Sign-in, sign-out and language: form posts (with antiforgery) that set or refresh the cookie.</summary>
public static class AccountEndpoints
{
    public const string SignInLimit = "signin";

    public static void MapAccount(this WebApplication app)
    {
        app.MapPost("/account/signin", async ([FromForm] string? userName, [FromForm] string? password,
                [FromForm] string? returnUrl, SignInManager<AppUser> signIn) =>
            {
                var back = SafeReturn(returnUrl);
                if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
                    return Results.Redirect($"/signin?error=invalid&returnUrl={Uri.EscapeDataString(back)}");
                var result = await signIn.PasswordSignInAsync(userName.Trim(), password, false, lockoutOnFailure: true);
                if (result.Succeeded) return Results.LocalRedirect(back);
                var error = result.IsLockedOut ? "locked" : "invalid";
                return Results.Redirect($"/signin?error={error}&returnUrl={Uri.EscapeDataString(back)}");
            })
            .AllowAnonymous().RequireRateLimiting(SignInLimit).ExcludeFromDescription();

        app.MapPost("/account/signout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect("/signin");
        }).ExcludeFromDescription();

        app.MapPost("/account/language", async ([FromForm] string language, [FromForm] string? returnUrl,
            HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn) =>
        {
            var user = await users.GetUserAsync(http.User);
            if (user is null || !UserLanguageProvider.Supported.Contains(language)) return Results.BadRequest();
            user.Language = language;
            await users.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
            return Results.LocalRedirect(SafeReturn(returnUrl));
        }).ExcludeFromDescription();
    }

    private static string SafeReturn(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\")
            ? url
            : "/";
}
