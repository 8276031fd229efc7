using System.Threading.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>completion/complete: enum arguments, completion methods with context, limits, and bad references.</summary>
public sealed class CompletionTests
{
    private static async Task<ServerHarness> StartAsync()
    {
        var server = ServerHarness.Start(b => b.AddPrompts<WritingPrompts>().AddCompletions<WritingPrompts>().AddResources<LibraryResources>());
        await server.InitializeAsync();
        return server;
    }

    private static Task<System.Text.Json.JsonElement> Complete(ServerHarness server, int id, string reference, string argument, string value, string context = "{}") =>
        server.RequestAsync(id, "completion/complete",
            "{\"ref\":" + reference + ",\"argument\":{\"name\":\"" + argument + "\",\"value\":\"" + value + "\"},\"context\":{\"arguments\":" + context + "}}");

    [Fact]
    public async Task Servers_with_prompts_or_templates_declare_completions()
    {
        await using var server = ServerHarness.Start(b => b.AddPrompts<WritingPrompts>());
        var capabilities = (await server.InitializeAsync()).GetProperty("result").GetProperty("capabilities").GetRawText();
        Assert.Equal("""{"completions":{},"logging":{},"prompts":{"listChanged":true}}""", capabilities);
    }

    [Fact]
    public async Task Enum_arguments_of_prompts_and_templates_complete_by_prefix()
    {
        await using var server = await StartAsync();
        Assert.Equal("""{"completion":{"values":["Green"],"total":1,"hasMore":false}}""",
            (await Complete(server, 1, """{"type":"ref/prompt","name":"summarize"}""", "tone", "g")).GetProperty("result").GetRawText());
        Assert.Equal("""{"completion":{"values":["Red","Green","Blue"],"total":3,"hasMore":false}}""",
            (await Complete(server, 2, """{"type":"ref/resource","uri":"books://{shelf}/{title}"}""", "shelf", "")).GetProperty("result").GetRawText());
        Assert.Equal("""{"completion":{"values":[],"total":0,"hasMore":false}}""",
            (await Complete(server, 3, """{"type":"ref/prompt","name":"summarize"}""", "text", "x")).GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task Completion_methods_get_the_value_and_the_resolved_arguments()
    {
        await using var server = await StartAsync();
        Assert.Equal("""{"completion":{"values":["C#","C++","Clojure"],"total":3,"hasMore":false}}""",
            (await Complete(server, 1, """{"type":"ref/prompt","name":"code_review"}""", "language", "c")).GetProperty("result").GetRawText());
        Assert.Equal("""{"completion":{"values":["Rust"],"total":1,"hasMore":false}}""",
            (await Complete(server, 2, """{"type":"ref/prompt","name":"code_review"}""", "language", "", """{"code":"fn main() {}"}""")).GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task At_most_100_values_are_sent_with_total_and_hasMore()
    {
        await using var server = await StartAsync();
        var completion = (await Complete(server, 1, """{"type":"ref/prompt","name":"later"}""", "topic", "t")).GetProperty("result").GetProperty("completion");
        Assert.Equal(100, completion.GetProperty("values").GetArrayLength());
        Assert.Equal(150, completion.GetProperty("total").GetInt32());
        Assert.True(completion.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task Unknown_references_and_malformed_params_are_invalid_params()
    {
        await using var server = await StartAsync();
        Assert.Equal("""{"code":-32602,"message":"Invalid params","data":{"details":"Unknown prompt: 'nope'."}}""",
            ServerHarness.Error(await Complete(server, 1, """{"type":"ref/prompt","name":"nope"}""", "x", "")));
        Assert.Equal("""{"code":-32602,"message":"Invalid params","data":{"details":"Unknown resource template: 'docs://readme'."}}""",
            ServerHarness.Error(await Complete(server, 2, """{"type":"ref/resource","uri":"docs://readme"}""", "x", "")));
        Assert.Equal(-32602, (await server.RequestAsync(3, "completion/complete", """{"ref":{"type":"ref/prompt","name":"later"}}""")).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("""{"code":-32602,"message":"Invalid params","data":{"details":"Unknown reference type 'ref/tool': use \"ref/prompt\" or \"ref/resource\"."}}""",
            ServerHarness.Error(await Complete(server, 4, """{"type":"ref/tool","name":"x"}""", "x", "")));
    }

    [Fact]
    public async Task A_tool_only_server_has_no_completion_method()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        Assert.Equal(-32601, (await Complete(server, 1, """{"type":"ref/prompt","name":"x"}""", "x", "")).GetProperty("error").GetProperty("code").GetInt32());
    }
}
