using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge;
using McpForge.ClientInput;
using McpForge.JsonRpc;

namespace Everything;

/// <summary>
/// The tools the conformance suite's tasks scenarios call (extension <c>io.modelcontextprotocol/tasks</c>, docs/tasks.md):
/// one never a task, the others tasks when the client declares the extension (or, on 2025-11-25, asks with <c>task</c>).
/// </summary>
public sealed partial class TaskTools
{
    private const string ConfirmSchema = """{"type":"object","properties":{"confirm":{"type":"boolean","description":"Go ahead?"}},"required":["confirm"]}""";

    /// <summary>Greets someone, at once (never a task).</summary>
    /// <param name="name">Who to greet.</param>
    [McpTool("greet", ReadOnly = true)]
    public static string Greet(string name) => $"Hello, {name}!";

    /// <summary>Computes for a number of seconds, then says so; 0 answers at once.</summary>
    /// <param name="seconds">How long the computation takes.</param>
    /// <param name="label">A label to echo.</param>
    [McpTool("slow_compute", TaskSupport = McpTaskSupport.Optional)]
    public static async Task<string> SlowCompute(double seconds, string label, McpContext context)
    {
        await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 3600)), context.CancellationToken);
        return $"Computed '{label}' in {seconds} s.";
    }

    /// <summary>Works for a second, then fails with a tool error (only as a task).</summary>
    [McpTool("failing_job", TaskSupport = McpTaskSupport.Required)]
    public static async Task<string> FailingJob(McpContext context)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), context.CancellationToken);
        throw new InvalidOperationException("The job failed: the input data is inconsistent.");
    }

    /// <summary>Works briefly, then ends with a JSON-RPC error (a protocol failure, not a tool error).</summary>
    [McpTool("protocol_error_job", TaskSupport = McpTaskSupport.Optional)]
    public static async Task<string> ProtocolErrorJob(McpContext context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(100), context.CancellationToken);
        throw new McpProtocolException(JsonRpcErrorCode.InternalError, "The job's worker crashed.");
    }

    /// <summary>Checks the file, then asks the user to confirm its deletion.</summary>
    /// <param name="filename">The file to delete.</param>
    [McpTool("confirm_delete", TaskSupport = McpTaskSupport.Optional)]
    public static async Task<string> ConfirmDelete(string filename, McpContext context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(20), context.CancellationToken); // looking the file up: the call is a task from here on
        var answer = await context.ElicitAsync($"Delete '{filename}'?", ConfirmSchema);
        var confirmed = answer.Content is { } content && content.TryGetProperty("confirm", out var value) && value.ValueKind == JsonValueKind.True;
        return confirmed ? $"Deleted '{filename}'." : $"Kept '{filename}'.";
    }

    /// <summary>Asks two questions at once, then reports both answers.</summary>
    [McpTool("multi_input", TaskSupport = McpTaskSupport.Optional)]
    public static async Task<string> MultiInput(McpContext context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(20), context.CancellationToken);
        const string Schema = """{"type":"object","properties":{"name":{"type":"string"},"confirm":{"type":"boolean"}}}""";
        var answers = await context.AskAsync(new Dictionary<string, McpInputRequest>
        {
            ["first"] = McpInputRequest.Elicit("First question", Schema),
            ["second"] = McpInputRequest.Elicit("Second question", Schema),
        });
        return $"first: {Field(answers.GetElicitation("first"), "name")}; second: {Field(answers.GetElicitation("second"), "name")}";
    }

    /// <summary>Asks the user's name first (a round of input before any task), then works on it as a task.</summary>
    [McpTool("test_tool_with_task", TaskSupport = McpTaskSupport.Required)]
    public static async Task<string> ToolWithTask(McpContext context)
    {
        var answer = await context.ElicitAsync("What is your name?", """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""");
        var name = Field(answer, "name");
        await Task.Delay(TimeSpan.FromMilliseconds(100), context.CancellationToken); // the work: the call becomes a task here
        return $"Hello, {name}! Your task is done.";
    }

    private static string Field(McpForge.Protocol.ElicitationResult result, string name) =>
        result.Content is { } content && content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "(none)";
}
