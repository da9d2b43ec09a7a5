using System.Diagnostics;

namespace OrderToCash.Data;

/// <summary>
/// Where a long command spends its time: with <c>O2C_TRACE=1</c> in the environment, each step of a statement
/// import, a cash-application run and a save prints to stderr the time since the process started, the time since the
/// previous step, and the garbage collector's and the JIT compiler's totals so far. Off, a step costs one test.
/// Used to profile the scale benchmark through the real CLI (docs/benchmarks.md).
/// </summary>
public static class StepTrace
{
    private static readonly bool On = Environment.GetEnvironmentVariable("O2C_TRACE") == "1";
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static long _last;

    public static void Step(string name)
    {
        if (!On) return;
        var now = Clock.ElapsedMilliseconds;
        var sinceStart = TimeProvider.System.GetUtcNow() - Process.GetCurrentProcess().StartTime.ToUniversalTime();
        Console.Error.WriteLine(
            $"[trace] {sinceStart.TotalMilliseconds,8:F0} ms  +{now - _last,6} ms  {name}  " +
            $"(gc {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms, collections " +
            $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; " +
            $"jit {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms)");
        _last = now;
    }
}
