using System;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Protocol;

namespace McpForge.AspNetCore.Tests.Harness;

/// <summary>The tools the HTTP tests call.</summary>
public sealed partial class HttpTools
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> s_gates = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> s_cancelled = new();

    /// <summary>Released by a test to let the calls tagged <paramref name="tag"/> finish (tags keep parallel tests apart).</summary>
    public static TaskCompletionSource Gate(string tag) => s_gates.GetOrAdd(tag, static _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> s_started = new();

    /// <summary>Completed when a call tagged <paramref name="tag"/> started running.</summary>
    public static TaskCompletionSource Started(string tag) => s_started.GetOrAdd(tag, static _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Completed when a call tagged <paramref name="tag"/> saw its token cancelled.</summary>
    public static TaskCompletionSource Cancelled(string tag) => s_cancelled.GetOrAdd(tag, static _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Echoes.</summary>
    [McpTool("echo")]
    public static string Echo(string message) => message;

    /// <summary>Reports progress twice, logs once, then answers.</summary>
    [McpTool("steps")]
    public static async Task<string> Steps(McpContext context)
    {
        await Task.Yield();
        await context.ReportProgressAsync(1, 2);
        await context.LogInfoAsync("half way");
        await context.ReportProgressAsync(2, 2);
        return "done";
    }

    /// <summary>Waits for its gate, or records its cancellation.</summary>
    [McpTool("hold")]
    public static async Task<string> Hold(string tag, CancellationToken cancellationToken)
    {
        Started(tag).TrySetResult();
        try
        {
            await Gate(tag).Task.WaitAsync(cancellationToken);
            return "released " + tag;
        }
        catch (OperationCanceledException)
        {
            Cancelled(tag).TrySetResult();
            throw;
        }
    }

    /// <summary>Asks the client's model.</summary>
    [McpTool("ask")]
    public static async Task<string> Ask(string question, McpContext context)
    {
        var answer = await context.SampleAsync([PromptMessage.User(question)], maxTokens: 10, timeout: TimeSpan.FromSeconds(10));
        return "model said: " + answer.Text;
    }

    /// <summary>Closes its stream, then finishes when its gate opens.</summary>
    [McpTool("poll_me")]
    public static async Task<string> PollMe(string tag, McpContext context)
    {
        await Task.Yield();
        var closed = context.CloseSseStream();
        await context.ReportProgressAsync(1, 1);
        await Gate(tag).Task.WaitAsync(context.CancellationToken);
        return "polled, closed=" + closed;
    }

    /// <summary>Changes the resource list, which every client hears on its GET stream.</summary>
    [McpTool("touch")]
    public static async Task<string> Touch(string uri, McpContext context)
    {
        await context.Server.NotifyResourceUpdatedAsync(uri);
        return "touched";
    }
}

/// <summary>A resource to subscribe to.</summary>
public sealed partial class HttpResources
{
    /// <summary>A note.</summary>
    [McpResource("notes://one", MimeType = "text/plain")]
    public static string One() => "one";
}
