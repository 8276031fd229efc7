using System;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.JsonRpc;

namespace McpForge.Tests.Fixtures;

/// <summary>
/// Tools the task tests drive: each waits on a gate the test opens (by the <c>key</c> argument), so a test decides when
/// a handler ends without waiting on the clock.
/// </summary>
public sealed partial class TaskFixtures
{
    /// <summary>The gates, by key: a test creates one, calls a tool with its key, then completes it.</summary>
    public static readonly ConcurrentDictionary<string, TaskCompletionSource<string>> Gates = new();

    private static readonly ConcurrentDictionary<string, TaskCompletionSource> s_cancelled = new();

    /// <summary>
    /// Completed when the handler called with <paramref name="key"/> saw its token fire: the signal a test waits on to know
    /// the server stopped the handler. Made by whichever comes first, the test's wait or the handler's cancellation.
    /// </summary>
    public static TaskCompletionSource Cancelled(string key) =>
        s_cancelled.GetOrAdd(key, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>A gate for <paramref name="key"/>, made now.</summary>
    public static TaskCompletionSource<string> Gate(string key) =>
        Gates.GetOrAdd(key, static _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Waits for its gate, then returns what the gate was given.</summary>
    /// <param name="key">The gate.</param>
    [McpTool("gated", TaskSupport = McpTaskSupport.Optional)]
    public static async Task<string> Gated(string key, McpContext context)
    {
        try
        {
            return await Gate(key).Task.WaitAsync(context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            Cancelled(key).TrySetResult();
            throw;
        }
    }

    /// <summary>Reports progress, then waits for its gate.</summary>
    /// <param name="key">The gate.</param>
    [McpTool("gated_progress", TaskSupport = McpTaskSupport.Optional)]
    public static async Task<string> GatedProgress(string key, McpContext context)
    {
        await Task.Yield();
        await context.ReportProgressAsync(1, 2, "half");
        var text = await Gate(key).Task.WaitAsync(context.CancellationToken);
        await context.ReportProgressAsync(2, 2, "done");
        return text;
    }

    /// <summary>Waits for its gate, then fails with a tool error.</summary>
    /// <param name="key">The gate.</param>
    [McpTool("gated_tool_error", TaskSupport = McpTaskSupport.Optional)]
    public static async Task<string> GatedToolError(string key, McpContext context)
    {
        var text = await Gate(key).Task.WaitAsync(context.CancellationToken);
        throw new InvalidOperationException(text);
    }

    /// <summary>Waits for its gate, then ends with a JSON-RPC error.</summary>
    /// <param name="key">The gate.</param>
    [McpTool("gated_protocol_error", TaskSupport = McpTaskSupport.Optional)]
    public static async Task<string> GatedProtocolError(string key, McpContext context)
    {
        var text = await Gate(key).Task.WaitAsync(context.CancellationToken);
        throw new McpProtocolException(JsonRpcErrorCode.InternalError, text);
    }

    /// <summary>Only as a task: waits for its gate.</summary>
    /// <param name="key">The gate.</param>
    [McpTool("required_task", TaskSupport = McpTaskSupport.Required)]
    public static async Task<string> RequiredTask(string key, McpContext context) => await Gate(key).Task.WaitAsync(context.CancellationToken);

    /// <summary>Answers at once (a task-capable tool that never awaits).</summary>
    [McpTool("instant", TaskSupport = McpTaskSupport.Optional)]
    public static Task<string> Instant() => Task.FromResult("instant");

    /// <summary>
    /// Waits for the gate <c>key/ask</c>, then asks for a confirmation, then waits for its gate. It waits for a gate the test
    /// opens, not for <c>Task.Yield</c>: a handler whose question is asked by the time its call is set up is answered
    /// inline (docs/tasks.md), which a yield that resumes at once on another thread can be.
    /// </summary>
    /// <param name="key">The gate.</param>
    [McpTool("ask_then_gate", TaskSupport = McpTaskSupport.Optional)]
    public static async Task<string> AskThenGate(string key, McpContext context)
    {
        await Gate(key + "/ask").Task.WaitAsync(context.CancellationToken);
        var answer = await context.ElicitAsync("Go on?", """{"type":"object","properties":{"confirm":{"type":"boolean"}},"required":["confirm"]}""");
        var confirmed = answer.Content is { } content && content.TryGetProperty("confirm", out var value) && value.ValueKind == JsonValueKind.True;
        var text = await Gate(key).Task.WaitAsync(context.CancellationToken);
        return (confirmed ? "confirmed " : "refused ") + text;
    }

    /// <summary>Waits for its gate, then writes a result of <paramref name="size"/> characters.</summary>
    /// <param name="size">How many characters.</param>
    /// <param name="key">The gate.</param>
    [McpTool("big_result", TaskSupport = McpTaskSupport.Optional)]
    public static async Task<string> Big(int size, string key, McpContext context)
    {
        await Gate(key).Task.WaitAsync(context.CancellationToken);
        return new string('x', size);
    }

    /// <summary>Never a task.</summary>
    [McpTool("never_a_task")]
    public static string Plain() => "plain";
}
