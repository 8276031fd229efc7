using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Protocol;
using McpForge.Tools;

namespace McpForge.AspNetCore.Tests.Harness;

/// <summary>Tools the 2026-07-28 tests call: asks written with the push API, and run-time tools with mirrored arguments.</summary>
public sealed partial class ModernTools
{
    private const string NameForm = """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""";

    /// <summary>How many times <c>greet</c>'s handler ran (each round of input runs it again).</summary>
    public static int GreetRuns;

    /// <summary>A generated tool with arguments mirrored in <c>Mcp-Param-Region</c> and <c>Mcp-Param-Shard</c> (<c>[McpHeader]</c>).</summary>
    [McpTool("routed_sql")]
    public static string RoutedSql([McpHeader("Region")] string region, string query, [McpHeader("Shard")] int? shard = null) =>
        $"{query} in {region}" + (shard is int s ? $" on shard {s}" : "");

    /// <summary>Asks the user's name (key <c>user_name</c>) and greets them.</summary>
    [McpTool("greet")]
    public static async Task<string> Greet(string salutation, McpContext context)
    {
        Interlocked.Increment(ref GreetRuns);
        var answers = await context.AskAsync(new Dictionary<string, McpInputRequest>
        {
            ["user_name"] = McpInputRequest.Elicit("What is your name?", NameForm),
        });
        var answer = answers.GetElicitation("user_name");
        return $"{salutation}, {Field(answer, "name")}! ({answer.Action.ToString().ToLowerInvariant()})";
    }

    /// <summary>Asks two things in one round (keys <c>first</c>, <c>last</c>).</summary>
    [McpTool("full_name")]
    public static async Task<string> FullName(McpContext context)
    {
        var answers = await context.AskAsync(new Dictionary<string, McpInputRequest>
        {
            ["first"] = McpInputRequest.Elicit("First name?", NameForm),
            ["last"] = McpInputRequest.Elicit("Last name?", NameForm),
        });
        return Field(answers.GetElicitation("first"), "name") + " " + Field(answers.GetElicitation("last"), "name");
    }

    /// <summary>Asks the client's model (push API, unnamed key).</summary>
    [McpTool("model_says")]
    public static async Task<string> ModelSays(McpContext context)
    {
        var answer = await context.SampleAsync([PromptMessage.User("Say something")], maxTokens: 10);
        return "model: " + answer.Text;
    }

    /// <summary>Adds or removes a tool (<paramref name="kind"/> <c>tool</c>) or a prompt (<c>prompt</c>): a list change for listen streams.</summary>
    [McpTool("toggle")]
    public static string Toggle(string kind, McpContext context)
    {
        if (kind == "tool")
        {
            if (!context.Server.RemoveTool("dynamic_tool"))
            {
                context.Server.AddTool(McpTool.Create("dynamic_tool", "Comes and goes.", """{"type":"object","properties":{}}""",
                    static (_, _) => ValueTask.FromResult(CallToolResult.FromText("dynamic"))));
            }
        }
        else if (!context.Server.RemovePrompt("dynamic_prompt"))
        {
            context.Server.AddPrompt(McpForge.Prompts.McpPrompt.Create("dynamic_prompt", "Comes and goes.", [],
                static (_, _) => ValueTask.FromResult(new GetPromptResult { Messages = [PromptMessage.User("dynamic")] })));
        }
        return "toggled " + kind;
    }

    /// <summary>A prompt, so that the server has prompts to list and to change.</summary>
    public static McpForge.Prompts.McpPrompt Prompt() =>
        McpForge.Prompts.McpPrompt.Create("fixed_prompt", "Always there.", [],
            static (_, _) => ValueTask.FromResult(new GetPromptResult { Messages = [PromptMessage.User("fixed")] }));

    private static string Field(ElicitationResult answer, string name) =>
        answer.Content is { } content && content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "(none)";

    /// <summary>A tool whose <c>region</c> (a string) and <c>count</c> (an integer) travel in <c>Mcp-Param-*</c> headers too.</summary>
    public static McpTool Routed() =>
        McpTool.Create("routed", "Echoes its routing arguments.",
            """{"type":"object","properties":{"region":{"type":"string","x-mcp-header":"Region"},"count":{"type":"integer","x-mcp-header":"Count"},"note":{"type":"string"}},"required":["region"]}""",
            static (arguments, _) => ValueTask.FromResult(CallToolResult.FromText(
                "region=" + arguments.GetProperty("region").GetString()
                + (arguments.TryGetProperty("count", out var count) ? " count=" + count.GetRawText() : ""))));
}
