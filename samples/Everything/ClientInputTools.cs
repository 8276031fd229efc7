using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge;
using McpForge.Protocol;

namespace Everything;

/// <summary>
/// Tools that ask the client for input (elicitation, sampling, roots), written once for both protocol eras: in a
/// 2025-11-25 session each ask is a request to the client; on a 2026-07-28 request the server answers
/// <c>input_required</c> and runs the tool again on the client's retry. The names and keys are those the conformance
/// suite's multi round-trip scenarios call.
/// </summary>
public sealed partial class ClientInputTools
{
    private const string NameForm = """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""";

    /// <summary>Asks the user's name (key <c>user_name</c>) and greets them.</summary>
    [McpTool("test_input_required_result_elicitation")]
    public static async Task<string> Elicitation(McpContext context)
    {
        var answers = await context.AskAsync(new Dictionary<string, McpInputRequest>
        {
            ["user_name"] = McpInputRequest.Elicit("What is your name?", NameForm),
        });
        return $"Hello, {Field(answers.GetElicitation("user_name"), "name")}!";
    }

    /// <summary>Asks the client's model a question.</summary>
    [McpTool("test_input_required_result_sampling")]
    public static async Task<string> Sampling(McpContext context)
    {
        var answer = await context.SampleAsync([PromptMessage.User("What is the capital of France?")], maxTokens: 100);
        return "Sampling result: " + answer.Text;
    }

    /// <summary>Asks the client for its roots.</summary>
    [McpTool("test_input_required_result_list_roots")]
    public static async Task<string> ListRoots(McpContext context)
    {
        var roots = await context.ListRootsAsync();
        return $"Roots: {roots.Count}";
    }

    /// <summary>Asks for a confirmation; the answer comes back in the sealed request state of its round.</summary>
    [McpTool("test_input_required_result_request_state")]
    public static async Task<string> RequestState(McpContext context)
    {
        var answers = await context.AskAsync(new Dictionary<string, McpInputRequest>
        {
            ["confirm"] = McpInputRequest.Elicit("Please confirm", """{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"]}"""),
        });
        var confirmed = answers.GetElicitation("confirm").Content is { } content && content.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True;
        return confirmed ? "state-ok: the request state was opened and verified by the server" : "state-ok: not confirmed";
    }

    /// <summary>Asks for a name, a greeting from the model and the client's roots, all in one round.</summary>
    [McpTool("test_input_required_result_multiple_inputs")]
    public static async Task<string> MultipleInputs(McpContext context)
    {
        var answers = await context.AskAsync(new Dictionary<string, McpInputRequest>
        {
            ["user_name"] = McpInputRequest.Elicit("What is your name?", NameForm),
            ["greeting"] = McpInputRequest.Sample(new SamplingRequest { Messages = [SamplingMessage.User("Generate a greeting")], MaxTokens = 50 }),
            ["client_roots"] = McpInputRequest.ListRoots(),
        });
        return $"Name: {Field(answers.GetElicitation("user_name"), "name")}; Greeting: {answers.GetSampling("greeting").Text}; Roots: {answers.GetRoots("client_roots").Count}";
    }

    /// <summary>Asks two questions one after the other: two rounds of input, then the result.</summary>
    [McpTool("test_input_required_result_multi_round")]
    public static async Task<string> MultiRound(McpContext context)
    {
        var name = Field(await context.ElicitAsync("Step 1: What is your name?", NameForm), "name");
        var color = Field(await context.ElicitAsync("Step 2: What is your favorite color?",
            """{"type":"object","properties":{"color":{"type":"string"}},"required":["color"]}"""), "color");
        return $"Multi-round complete for {name} who likes {color}";
    }

    /// <summary>Asks for a confirmation; a retry whose request state was changed is refused by the server.</summary>
    [McpTool("test_input_required_result_tampered_state")]
    public static async Task<string> TamperedState(McpContext context)
    {
        await context.AskAsync(new Dictionary<string, McpInputRequest>
        {
            ["confirm"] = McpInputRequest.Elicit("Please confirm", """{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"]}"""),
        });
        return "tamper-check-ok: the request state was intact";
    }

    /// <summary>Asks only what the client declared it can answer (elicitation, sampling).</summary>
    [McpTool("test_input_required_result_capabilities")]
    public static async Task<string> Capabilities(McpContext context)
    {
        var asks = new Dictionary<string, McpInputRequest>();
        if ((context.ClientCapabilities & McpClientCapabilities.Elicitation) != 0)
        {
            asks["elicit_input"] = McpInputRequest.Elicit("Elicitation input", """{"type":"object","properties":{"value":{"type":"string"}},"required":["value"]}""");
        }
        if ((context.ClientCapabilities & McpClientCapabilities.Sampling) != 0)
        {
            asks["sample_input"] = McpInputRequest.Sample(new SamplingRequest { Messages = [SamplingMessage.User("Sample request")], MaxTokens = 50 });
        }
        if (asks.Count == 0) return "No supported capabilities declared";
        var answers = await context.AskAsync(asks);
        return "capabilities-ok: received " + string.Join(",", answers.Keys);
    }

    private static string Field(ElicitationResult answer, string name) =>
        answer.Content is { } content && content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "(none)";
}
