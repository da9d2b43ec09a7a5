using Xunit;

namespace OrderToCash.Tests;

/// <summary>
/// The third-party corpus in ../shared/data/external. Tests that need it skip when it is absent, and fail
/// instead when O2C_REQUIRE_ALL=1 (CI), so nothing is silently left out there.
/// </summary>
public static class ExternalData
{
    public static bool RequireAll => Environment.GetEnvironmentVariable("O2C_REQUIRE_ALL") == "1";

    /// <summary>The corpus root, found by walking up from the test binary to a folder beside ../shared.</summary>
    public static string? Root { get; } = FindRoot();

    /// <summary>The full path of a corpus file or folder, or a skip (fail in CI) when the corpus is absent.</summary>
    public static string Path(string relative)
    {
        var root = Require();
        return System.IO.Path.Combine(root, relative);
    }

    public static string Require()
    {
        if (Root is not null) return Root;
        const string why = "the shared corpus ../shared/data/external is not present";
        if (RequireAll) Assert.Fail(why + " (O2C_REQUIRE_ALL=1)");
        Assert.Skip(why);
        return "";
    }

    /// <summary>Skips (or fails in CI) with a reason when a precondition outside the project does not hold.</summary>
    public static void SkipUnless(bool condition, string reason)
    {
        if (condition) return;
        if (RequireAll) Assert.Fail(reason + " (O2C_REQUIRE_ALL=1)");
        Assert.Skip(reason);
    }

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("O2C_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(System.IO.Path.Combine(env, "data", "external")))
            return System.IO.Path.Combine(env, "data", "external");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data", "external");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
