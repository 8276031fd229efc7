using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.AspNetCore.Tests.Harness;

/// <summary>Task tools for the HTTP tests: each waits for a gate the test opens, by its <c>key</c>.</summary>
public sealed partial class TaskHttpTools
{
    public static readonly ConcurrentDictionary<string, TaskCompletionSource<string>> Gates = new();

    public static TaskCompletionSource<string> Gate(string key) =>
        Gates.GetOrAdd(key, static _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Waits for its gate and returns what it was given, with the caller's name.</summary>
    /// <param name="key">The gate.</param>
    [McpTool("task_gated", TaskSupport = McpTaskSupport.Optional)]
    public static async Task<string> Gated(string key, McpContext context)
    {
        var text = await Gate(key).Task.WaitAsync(context.CancellationToken);
        return text + " for " + (context.User?.FindFirst("sub")?.Value ?? "nobody");
    }

    /// <summary>Resolves a scoped service, then waits for its gate.</summary>
    /// <param name="key">The gate.</param>
    /// <param name="probe">A service of the task's own scope.</param>
    [McpTool("task_scoped", TaskSupport = McpTaskSupport.Optional)]
    public static async Task<string> Scoped(string key, [FromServices] TaskScopeProbe probe, McpContext context)
    {
        probe.Key = key;
        var text = await Gate(key).Task.WaitAsync(context.CancellationToken);
        return $"{text}; tag: {probe.Tag ?? "none"}; disposed: {probe.Disposed}";
    }
}

/// <summary>A scoped service: a middleware may tag it (in the HTTP request's scope); it signals its disposal.</summary>
public sealed class TaskScopeProbe : IDisposable
{
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Disposals = new();

    public string? Key { get; set; }

    public string? Tag { get; set; }

    public bool Disposed { get; private set; }

    public void Dispose()
    {
        Disposed = true;
        if (Key is not null) Disposals.GetOrAdd(Key, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
