namespace OrderToCash.Web.Shell;

/// <summary>Headers every answer carries: no sniffing, no framing, no referrer leaks, a content policy.</summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var h = http.Response.Headers;
        h["X-Content-Type-Options"] = "nosniff";
        h["X-Frame-Options"] = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        // MudBlazor sets inline styles; Blazor Server needs its WebSocket. No third-party origin is used.
        h["Content-Security-Policy"] = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            "script-src 'self'; connect-src 'self' ws: wss:; frame-ancestors 'none'; form-action 'self'";
        await next();
    });
}
