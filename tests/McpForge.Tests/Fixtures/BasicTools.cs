using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Tests.Fixtures;

/// <summary>The tools most runtime tests use.</summary>
public sealed partial class BasicTools
{
    /// <summary>Released by tests to let <see cref="WaitAsync"/> calls finish.</summary>
    public static TaskCompletionSource Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed by a <see cref="WaitAsync"/> call once it runs (its deadline, if any, is set by then).</summary>
    public static TaskCompletionSource WaitStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Observed by tests: how many <see cref="WaitAsync"/> calls saw their token cancelled.</summary>
    public static int CancelledCount;

    /// <summary>Echoes the message.</summary>
    /// <param name="message">The message.</param>
    [McpTool("echo")]
    public static string Echo(string message) => message;

    /// <summary>Adds two integers.</summary>
    [McpTool("add")]
    public static long Add(int a, int b) => (long)a + b;

    /// <summary>Throws with a message the model should see.</summary>
    [McpTool("fail")]
    public static string Fail() => throw new InvalidOperationException("the disk is full");

    /// <summary>Waits until the gate opens or the call is cancelled.</summary>
    [McpTool("wait")]
    public static async Task<string> WaitAsync(CancellationToken cancellationToken)
    {
        WaitStarted.TrySetResult();
        try
        {
            await Gate.Task.WaitAsync(cancellationToken);
            return "released";
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref CancelledCount);
            throw;
        }
    }

    /// <summary>Sleeps, observing cancellation.</summary>
    [McpTool("sleep")]
    public static async Task<string> SleepAsync(int milliseconds, CancellationToken cancellationToken)
    {
        await Task.Delay(milliseconds, cancellationToken);
        return "slept";
    }

    /// <summary>Never completes and ignores cancellation.</summary>
    [McpTool("hang")]
    public static Task<string> Hang() => new TaskCompletionSource<string>().Task;

    /// <summary>Never completes, but has its own short time limit.</summary>
    [McpTool("hang_briefly", TimeoutMs = 150)]
    public static Task<string> HangBriefly() => new TaskCompletionSource<string>().Task;

    /// <summary>Returns a string of the given length.</summary>
    [McpTool("big")]
    public static string Big(int length) => new('x', length);

    /// <summary>Reports progress and logs.</summary>
    [McpTool("report")]
    public static async Task<string> ReportAsync(int steps, McpContext context)
    {
        await context.LogDebugAsync("debug detail");
        await context.LogInfoAsync("starting");
        for (var i = 1; i <= steps; i++)
        {
            await context.ReportProgressAsync(i, steps, "step " + i);
        }
        await context.LogWarningAsync("done");
        return "reported " + steps;
    }

    /// <summary>Takes an optional argument with a default.</summary>
    [McpTool("greet")]
    public static string Greet(string name, string greeting = "Hello", int? times = null) =>
        greeting + ", " + name + (times is int t ? " x" + t : string.Empty);
}

/// <summary>A tool that asks the client for something.</summary>
public sealed partial class ClientAskingTools
{
    /// <summary>Asks the client's model to write a haiku.</summary>
    [McpTool("haiku")]
    public static async Task<string> Haiku(string topic, McpContext context)
    {
        var answer = await context.SampleAsync([McpForge.Protocol.PromptMessage.User("A haiku about " + topic)], maxTokens: 60,
            systemPrompt: "You are a poet.", timeout: TimeSpan.FromSeconds(5));
        return ((McpForge.Protocol.TextContent)answer.Content).Text + " [" + answer.Model + ", " + answer.StopReason + "]";
    }

    /// <summary>Lists the client's roots, waiting only briefly for the answer.</summary>
    [McpTool("roots_quick")]
    public static async Task<string> RootsQuick(McpContext context) => (await context.ListRootsAsync(TimeSpan.FromMilliseconds(200))).Count + " roots";

    /// <summary>Lists the client's roots.</summary>
    [McpTool("roots")]
    public static async Task<string> Roots(McpContext context)
    {
        var roots = await context.ListRootsAsync(TimeSpan.FromSeconds(5));
        return string.Join(", ", System.Linq.Enumerable.Select(roots, r => r.Uri + (r.Name is null ? "" : " (" + r.Name + ")")));
    }
}

/// <summary>Tools that ask the user (elicitation) or the client's model with tools (sampling, 2025-11-25).</summary>
public sealed partial class AskingTools
{
    /// <summary>Asks for a name and an age.</summary>
    [McpTool("sign_up")]
    public static async Task<string> SignUp(McpContext context)
    {
        var answer = await context.ElicitAsync("Who are you?",
            """{"type":"object","properties":{"name":{"type":"string","default":"Ada"},"age":{"type":"integer","minimum":0}},"required":["name"]}""",
            TimeSpan.FromSeconds(5));
        return answer.Action + (answer.Content is { } content ? " " + content.GetRawText() : "");
    }

    /// <summary>Sends the user to a page.</summary>
    [McpTool("connect")]
    public static async Task<string> Connect(McpContext context)
    {
        var answer = await context.ElicitUrlAsync(new McpForge.Protocol.UrlElicitation("Sign in to Example", "https://example.com/login?state=abc", "el-1"),
            TimeSpan.FromSeconds(5));
        if (answer.Action == McpForge.Protocol.ElicitationAction.Accept) await context.NotifyElicitationCompleteAsync("el-1");
        return answer.Action.ToString();
    }

    /// <summary>Needs the user to authorize first.</summary>
    [McpTool("needs_auth")]
    public static string NeedsAuth() =>
        throw new UrlElicitationRequiredException([new McpForge.Protocol.UrlElicitation("Authorize access", "https://example.com/oauth", "auth-7")]);

    /// <summary>Lets the client's model call a tool, then answers with its result.</summary>
    [McpTool("weather_agent")]
    public static async Task<string> WeatherAgent(string city, McpContext context)
    {
        var weather = new McpForge.Protocol.SamplingTool("get_weather", "Weather of a city.",
            """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");
        var messages = new List<McpForge.Protocol.SamplingMessage> { McpForge.Protocol.SamplingMessage.User("Weather in " + city + "?") };
        var first = await context.SampleAsync(new McpForge.Protocol.SamplingRequest
        {
            Messages = messages,
            MaxTokens = 100,
            Tools = [weather],
            ToolChoice = McpForge.Protocol.SamplingToolChoice.Auto,
        }, TimeSpan.FromSeconds(5));
        var use = System.Linq.Enumerable.Single(first.ToolUses);
        messages.Add(new McpForge.Protocol.SamplingMessage(McpForge.Protocol.Role.Assistant, first.Contents));
        messages.Add(new McpForge.Protocol.SamplingMessage(McpForge.Protocol.Role.User,
            [new McpForge.Protocol.ToolResultContent(use.Id, [new McpForge.Protocol.TextContent("sunny in " + use.Input.GetProperty("city").GetString())])]));
        var second = await context.SampleAsync(new McpForge.Protocol.SamplingRequest { Messages = messages, MaxTokens = 100, Tools = [weather] },
            TimeSpan.FromSeconds(5));
        return second.Text + " (" + first.StopReason + ", then " + second.StopReason + ")";
    }

    /// <summary>Logs through ILogger at two levels.</summary>
    [McpTool("log_twice")]
    public static string LogTwice(McpContext context)
    {
        Microsoft.Extensions.Logging.LoggerExtensions.LogDebug(context.Logger, "checking {Count} things", 3);
        Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(context.Logger, new InvalidOperationException("disk slow"), "slow disk on {Drive}", "C:");
        return "logged";
    }
}

/// <summary>A tool with an authorization requirement, which stdio does not check.</summary>
public sealed partial class GuardedTools
{
    /// <summary>Needs a scope over HTTP.</summary>
    [McpTool("guarded"), McpAuthorize("admin:all", Policy = "admins")]
    public static string Guarded(McpContext context) => "served to " + (context.User?.Identity?.Name ?? "the local user");
}

/// <summary>Tools whose calls the telemetry tests observe.</summary>
public sealed partial class TelemetryTools
{
    /// <summary>Succeeds, inside a span of its own.</summary>
    [McpTool("telemetry_ok")]
    public static string Ok(int n)
    {
        using var inner = new System.Diagnostics.ActivitySource("TelemetryTests").StartActivity("inner work");
        return "ok " + n;
    }

    /// <summary>Throws.</summary>
    [McpTool("telemetry_throw")]
    public static string Throw() => throw new InvalidOperationException("broken on purpose");

    /// <summary>Never finishes in time.</summary>
    [McpTool("telemetry_slow", TimeoutMs = 100)]
    public static async Task<string> Slow(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "never";
    }
}

/// <summary>A tool that takes its time.</summary>
public sealed partial class SlowTools
{
    /// <summary>Waits a little.</summary>
    [McpTool("dawdle")]
    public static async Task<string> Dawdle(int ms)
    {
        await Task.Delay(ms);
        return "done";
    }
}
