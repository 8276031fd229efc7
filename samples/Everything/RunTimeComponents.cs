using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge;
using McpForge.Prompts;
using McpForge.Protocol;
using McpForge.Tools;

namespace Everything;

/// <summary>Components made at run time (<see cref="McpTool.Create"/>, <see cref="McpPrompt.Create"/>) beside the generated ones.</summary>
internal static class RunTimeComponents
{
    /// <summary>Everything's components: the generated classes of the project and these.</summary>
    public static McpServerBuilder AddEverything(this McpServerBuilder builder) =>
        builder.AddGeneratedComponents().AddPrompt(ContextPrompt()).AddTool(RegionTool())
            // Tasks on (docs/tasks.md), polled often: the conformance suite polls every 200 ms.
            .Configure(options => options.Tasks = new McpForge.Tasks.McpTaskOptions { PollInterval = TimeSpan.FromMilliseconds(100) });

    /// <summary>A prompt that asks the user for context before it renders (<c>prompts/get</c> with a round of input).</summary>
    private static McpPrompt ContextPrompt() =>
        McpPrompt.Create("test_input_required_result_prompt", "Asks the user what context to use, then renders with it.", [],
            static async (_, call) =>
            {
                var answers = await call.Context.AskAsync(new Dictionary<string, McpInputRequest>
                {
                    ["user_context"] = McpInputRequest.Elicit("What context should the prompt use?",
                        """{"type":"object","properties":{"context":{"type":"string"}},"required":["context"]}"""),
                });
                var context = answers.GetElicitation("user_context").Content is { } content && content.TryGetProperty("context", out var value)
                    && value.ValueKind == JsonValueKind.String ? value.GetString() : "(none)";
                return new GetPromptResult { Messages = [PromptMessage.User("Use this context: " + context)] };
            });

    /// <summary>A tool whose <c>region</c> argument a 2026-07-28 client mirrors in the <c>Mcp-Param-Region</c> header.</summary>
    private static McpTool RegionTool() =>
        McpTool.Create("test_x_mcp_header", "Echoes the region it was routed by.",
            """{"type":"object","properties":{"region":{"type":"string","description":"Where to run.","x-mcp-header":"Region"}},"required":["region"]}""",
            static (arguments, _) => ValueTask.FromResult(CallToolResult.FromText("region: " + arguments.GetProperty("region").GetString())));
}
