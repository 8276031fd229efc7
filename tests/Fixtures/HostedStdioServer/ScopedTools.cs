using System;
using System.Threading;
using System.Threading.Tasks;
using McpForge;

/// <summary>Tools built on a scoped <see cref="UnitOfWork"/>: through the constructor, a parameter and the context.</summary>
public sealed partial class ScopedTools(UnitOfWork unit)
{
    /// <summary>Says which unit the call got, and whether every way of asking gave the same one.</summary>
    [McpTool("unit_of_work")]
    public string WhichUnit([FromServices] UnitOfWork parameter, McpContext context)
    {
        unit.Use();
        var same = ReferenceEquals(unit, parameter) && ReferenceEquals(unit, context.Services.GetService(typeof(UnitOfWork)));
        return $"unit {unit.Id}, one per call: {same}, tag: {unit.Tag ?? "none"}";
    }

    /// <summary>Throws after it got its unit.</summary>
    [McpTool("unit_then_fail")]
    public string Fail() => throw new InvalidOperationException($"unit {unit.Id} failed");

    /// <summary>Reports progress, then waits until the call is cancelled (by the client or by the tool timeout).</summary>
    [McpTool("unit_until_cancelled")]
    public async Task<string> UntilCancelledAsync(McpContext context, CancellationToken cancellationToken)
    {
        await context.ReportProgressAsync(0, 1);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return $"unit {unit.Id} never cancelled";
    }

    /// <summary>Reports progress, waits at the ledger's gate whatever happens to the call, then uses its unit.</summary>
    [McpTool("unit_after_gate")]
    public async Task<string> AfterGateAsync([FromServices] ScopeLedger ledger, McpContext context)
    {
        await context.ReportProgressAsync(0, 1);
        await ledger.Gate.Task;
        try
        {
            unit.Use();
            ledger.UsedAfterGate.TrySetResult($"unit {unit.Id} was alive");
        }
        catch (ObjectDisposedException)
        {
            ledger.UsedAfterGate.TrySetResult($"unit {unit.Id} was disposed");
        }
        return "through the gate";
    }

    /// <summary>Answers; the scoped service it was given fails to dispose after the answer.</summary>
    [McpTool("faulty_disposal")]
    public static string FaultyDisposal([FromServices] FaultyDisposal faulty) => "answered";

    /// <summary>Waits until at least <paramref name="atLeast"/> units were disposed (10 s at most), then counts them.</summary>
    /// <param name="atLeast">How many disposals to wait for.</param>
    [McpTool("disposals")]
    public static async Task<string> DisposalsAsync(int atLeast, [FromServices] ScopeLedger ledger)
    {
        await ledger.WaitDisposedAsync(atLeast, TimeSpan.FromSeconds(10));
        return $"created {ledger.Created}, disposed {ledger.Disposed}";
    }
}
