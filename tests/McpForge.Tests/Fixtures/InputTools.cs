using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Protocol;
using McpForge.Tools;

namespace McpForge.Tests.Fixtures;

/// <summary>Tools that ask the client for input, for the tests of both eras' ways of asking.</summary>
public sealed partial class InputTools
{
    public const string NameForm = """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""";

    /// <summary>How many runs got past their asks (a 2026-07-28 handler runs again up to them on each retry).</summary>
    public static int FinishedRuns;

    /// <summary>How many runs started.</summary>
    public static int StartedRuns;

    /// <summary>Asks a name and greets it.</summary>
    [McpTool("ask_name")]
    public static async Task<string> AskName(McpContext context)
    {
        Interlocked.Increment(ref StartedRuns);
        var answer = await context.ElicitAsync("Your name?", NameForm);
        Interlocked.Increment(ref FinishedRuns);
        return "Hello, " + Field(answer, "name");
    }

    /// <summary>Asks twice, one question after the other.</summary>
    [McpTool("ask_twice")]
    public static async Task<string> AskTwice(McpContext context)
    {
        var first = Field(await context.ElicitAsync("First?", NameForm), "name");
        var second = Field(await context.ElicitAsync("Second?", NameForm), "name");
        return first + "/" + second;
    }

    /// <summary>Asks a form, the model and the roots at once.</summary>
    [McpTool("ask_all")]
    public static async Task<string> AskAll(McpContext context)
    {
        var answers = await context.AskAsync(new Dictionary<string, McpInputRequest>
        {
            ["who"] = McpInputRequest.Elicit("Who?", NameForm),
            ["model"] = McpInputRequest.Sample(new SamplingRequest { Messages = [SamplingMessage.User("Hi")], MaxTokens = 5 }),
            ["roots"] = McpInputRequest.ListRoots(),
        });
        return $"{Field(answers.GetElicitation("who"), "name")}|{answers.GetSampling("model").Text}|{answers.GetRoots("roots").Count}";
    }

    /// <summary>Asks the model, offering it a tool.</summary>
    [McpTool("ask_model_with_tools")]
    public static async Task<string> AskModelWithTools(McpContext context)
    {
        var answer = await context.SampleAsync(new SamplingRequest
        {
            Messages = [SamplingMessage.User("Weather?")],
            MaxTokens = 10,
            Tools = [new SamplingTool("lookup", "Looks up.", """{"type":"object","properties":{}}""")],
        });
        return answer.Text;
    }

    /// <summary>Asks, catches whatever the ask throws, and returns as if nothing happened.</summary>
    [McpTool("ask_and_swallow")]
    public static async Task<string> AskAndSwallow(McpContext context)
    {
        try
        {
            await context.ElicitAsync("Your name?", NameForm);
            return "answered";
        }
        catch (System.Exception)
        {
            return "swallowed";
        }
    }

    /// <summary>Keeps its own state between rounds, with the explicit form.</summary>
    /// <param name="topic">What the question is about.</param>
    [McpTool("own_state")]
    public static string OwnState(string topic, McpContext context)
    {
        if (context.RequestState == "asked:" + topic && context.InputResponses.Contains("q"))
        {
            return topic + ": " + Field(context.InputResponses.GetElicitation("q"), "name");
        }
        throw new McpInputRequiredException(new Dictionary<string, McpInputRequest> { ["q"] = McpInputRequest.Elicit("About " + topic + "?", NameForm) },
            "asked:" + topic);
    }

    /// <summary>Asks forever (the explicit form, never satisfied).</summary>
    [McpTool("ask_forever")]
    public static string AskForever(McpContext context) =>
        throw new McpInputRequiredException(new Dictionary<string, McpInputRequest> { ["again"] = McpInputRequest.Elicit("Again?", NameForm) }, "again");

    /// <summary>Needs the user to sign in out of band.</summary>
    [McpTool("needs_sign_in")]
    public static string NeedsSignIn(McpContext context) =>
        throw new UrlElicitationRequiredException([new UrlElicitation("Sign in to continue", "https://example.com/sign-in", "sign-in-1")]);

    private static string Field(ElicitationResult answer, string name) =>
        answer.Content is { } content && content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "-";
}
