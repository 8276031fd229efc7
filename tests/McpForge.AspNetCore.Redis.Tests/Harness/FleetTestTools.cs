using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace McpForge.AspNetCore.Redis.Tests.Harness;

/// <summary>The tools the fleet tests call; each says which instance ran it.</summary>
public sealed partial class FleetTestTools
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> s_gates = new();

    /// <summary>Released by a test to let the calls tagged <paramref name="tag"/> finish (tags keep parallel tests apart).</summary>
    public static TaskCompletionSource Gate(string tag) => s_gates.GetOrAdd(tag, static _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Names the instance that ran the call.</summary>
    [McpTool("whoami")]
    public static string WhoAmI(McpContext context) => Instance(context);

    /// <summary>Says which instance heard <paramref name="text"/>.</summary>
    [McpTool("echo")]
    public static string Echo(string text, McpContext context) => Instance(context) + " heard " + text;

    /// <summary>Asks the user for a name, and says who answered on which instance.</summary>
    [McpTool("ask_name")]
    public static async Task<string> AskName(McpContext context)
    {
        var answer = await context.ElicitAsync("Your name?", """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""",
            TimeSpan.FromSeconds(10));
        return Instance(context) + " heard " + answer.Action.ToString().ToLowerInvariant() + " " + answer.Content?.GetProperty("name").GetString();
    }

    /// <summary>Runs as a task: waits for its gate (the call is a task from then on), asks the user for a name, and says who answered on which instance.</summary>
    [McpTool("task_ask", TaskSupport = McpTaskSupport.Required)]
    public static async Task<string> TaskAsk(string tag, McpContext context)
    {
        await Gate(tag).Task.WaitAsync(context.CancellationToken);
        var answer = await context.ElicitAsync("Your name?", """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""");
        return Instance(context) + " heard " + answer.Content?.GetProperty("name").GetString();
    }

    /// <summary>Closes its stream, reports progress, then finishes when its gate opens.</summary>
    [McpTool("poll_me")]
    public static async Task<string> PollMe(string tag, McpContext context)
    {
        await Task.Yield();
        context.CloseSseStream();
        await context.ReportProgressAsync(1, 2);
        await Gate(tag).Task.WaitAsync(context.CancellationToken);
        return Instance(context) + " finished " + tag;
    }

    /// <summary>Tells every subscriber of <paramref name="uri"/>, on whichever instance, that it changed.</summary>
    [McpTool("touch")]
    public static async Task<string> Touch(string uri, McpContext context)
    {
        await context.Server.NotifyResourceUpdatedAsync(uri);
        return Instance(context) + " touched " + uri;
    }

    private static string Instance(McpContext context) => ((FleetName)context.Services!.GetService(typeof(FleetName))!).Value;
}

/// <summary>Resources to subscribe to.</summary>
public sealed partial class FleetTestResources
{
    /// <summary>A note.</summary>
    [McpResource("notes://one", MimeType = "text/plain")]
    public static string One() => "one";

    /// <summary>Another note.</summary>
    [McpResource("notes://two", MimeType = "text/plain")]
    public static string Two() => "two";
}
