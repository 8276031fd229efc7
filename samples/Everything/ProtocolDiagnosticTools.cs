using System.Threading.Tasks;
using McpForge;
using McpForge.Protocol;

namespace Everything;

/// <summary>
/// Tools the conformance suite's 2026-07-28 scenarios use to observe the protocol itself: capability checks, what may
/// travel on a response stream, per-request logging, and list changes on <c>subscriptions/listen</c> streams.
/// </summary>
public sealed partial class ProtocolDiagnosticTools
{
    /// <summary>Asks the client's model something: a request that does not declare sampling gets -32021 naming it.</summary>
    [McpTool("test_missing_capability")]
    public static async Task<string> MissingCapability(McpContext context)
    {
        var answer = await context.SampleAsync([PromptMessage.User("Say hello")], maxTokens: 20);
        return "Success: " + answer.Text;
    }

    /// <summary>Reports progress, then asks the user something: the question never travels as a request on the stream.</summary>
    [McpTool("test_streaming_elicitation")]
    public static async Task<string> StreamingElicitation(McpContext context)
    {
        await context.ReportProgressAsync(50, 100, "asking");
        var answer = await context.ElicitAsync("Continue?", """{"type":"object","properties":{"ok":{"type":"boolean"}}}""");
        return "Streaming complete: " + answer.Action.ToString().ToLowerInvariant();
    }

    /// <summary>Logs at info: only a request that names a log level gets the message.</summary>
    [McpTool("test_logging_tool")]
    public static async Task<string> Logging(McpContext context)
    {
        await context.LogInfoAsync("Diagnostic trace logging activated");
        return "Logging evaluated";
    }

    /// <summary>
    /// Adds a tool and removes it again, so that listen streams asking for tool-list changes hear of it. The list is the
    /// same afterwards: behind a load balancer each call reaches one instance, and a toggle would leave the instances'
    /// lists different (runtime changes are per instance; docs/scale-out.md).
    /// </summary>
    [McpTool("test_trigger_tool_change")]
    public static string TriggerToolChange(McpContext context)
    {
        const string Name = "test_dynamic_tool";
        context.Server.AddTool(McpForge.Tools.McpTool.Create(Name, "Appears and disappears with test_trigger_tool_change.",
            """{"type":"object","properties":{}}""", static (_, _) => ValueTask.FromResult(CallToolResult.FromText("dynamic"))));
        context.Server.RemoveTool(Name);
        return "Tool list changed";
    }

    /// <summary>Adds a prompt and removes it again, so that listen streams asking for prompt-list changes hear of it (as the tool trigger).</summary>
    [McpTool("test_trigger_prompt_change")]
    public static string TriggerPromptChange(McpContext context)
    {
        const string Name = "test_dynamic_prompt";
        context.Server.AddPrompt(McpForge.Prompts.McpPrompt.Create(Name, "Appears and disappears with test_trigger_prompt_change.", [],
            static (_, _) => ValueTask.FromResult(new GetPromptResult { Messages = [PromptMessage.User("dynamic")] })));
        context.Server.RemovePrompt(Name);
        return "Prompt list changed";
    }
}
