using System.Linq;
using System.Threading.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>prompts/list and prompts/get, and capabilities that say exactly what the server has.</summary>
public sealed class PromptTests
{
    private static async Task<ServerHarness> StartAsync()
    {
        var server = ServerHarness.Start(b => b.AddPrompts<WritingPrompts>());
        await server.InitializeAsync();
        return server;
    }

    [Fact]
    public async Task A_prompt_only_server_declares_prompts_and_not_tools()
    {
        await using var server = ServerHarness.Start(b => b.AddPrompts<WritingPrompts>());
        var capabilities = (await server.InitializeAsync()).GetProperty("result").GetProperty("capabilities").GetRawText();
        Assert.Equal("""{"completions":{},"logging":{},"prompts":{"listChanged":true}}""", capabilities);
        var tools = await server.RequestAsync(1, "tools/list");
        Assert.Equal("""{"code":-32601,"message":"Method not found","data":{"method":"tools/list"}}""", ServerHarness.Error(tools));
    }

    [Fact]
    public async Task A_tool_only_server_does_not_answer_prompt_methods()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        Assert.Equal(-32601, (await server.RequestAsync(1, "prompts/list")).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(-32601, (await server.RequestAsync(2, "prompts/get", """{"name":"x"}""")).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Prompts_list_describes_each_prompt_and_its_arguments()
    {
        await using var server = await StartAsync();
        var prompts = (await server.RequestAsync(1, "prompts/list")).GetProperty("result").GetProperty("prompts");
        Assert.Equal(["code_review", "summarize", "rich", "later", "broken"], prompts.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToArray());
        Assert.Equal(
            """{"name":"code_review","title":"Code review","description":"Asks for a code review.","arguments":[{"name":"code","description":"The code to review.","required":true},{"name":"language","description":"Its language.","required":false}]}""",
            prompts[0].GetRawText());
        Assert.Equal(
            """[{"name":"text","required":true},{"name":"words","required":true},{"name":"tone","required":true},{"name":"bullets","required":false},{"name":"asOf","required":false}]""",
            prompts[1].GetProperty("arguments").GetRawText());
    }

    [Fact]
    public async Task Prompts_list_pages_with_the_configured_size()
    {
        await using var server = ServerHarness.Start(b => b.AddPrompts<WritingPrompts>().Configure(o => o.PageSize = 4));
        await server.InitializeAsync();
        var first = (await server.RequestAsync(1, "prompts/list")).GetProperty("result");
        Assert.Equal(4, first.GetProperty("prompts").GetArrayLength());
        var second = (await server.RequestAsync(2, "prompts/list", $$"""{"cursor":"{{first.GetProperty("nextCursor").GetString()}}"}""")).GetProperty("result");
        Assert.Equal("broken", second.GetProperty("prompts")[0].GetProperty("name").GetString());
        Assert.False(second.TryGetProperty("nextCursor", out _));
    }

    [Fact]
    public async Task A_string_prompt_is_one_user_message_and_defaults_apply()
    {
        await using var server = await StartAsync();
        var response = await server.RequestAsync(1, "prompts/get", """{"name":"code_review","arguments":{"code":"x++;"}}""");
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"messages":[{"role":"user","content":{"type":"text","text":"Review this C# code:\nx++;"}}]}}""", response.GetRawText());
    }

    [Fact]
    public async Task Typed_arguments_are_parsed_from_their_strings()
    {
        await using var server = await StartAsync();
        var response = await server.RequestAsync(1, "prompts/get", """{"name":"summarize","arguments":{"text":"long text","words":"50","tone":"Blue","bullets":"true","asOf":"2025-11-25"}}""");
        var messages = response.GetProperty("result").GetProperty("messages");
        Assert.Equal("Summarise in 50 words, Blue tone, bullets=True, as of 2025-11-25:", messages[0].GetProperty("content").GetProperty("text").GetString());
        Assert.Equal("assistant", messages[2].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Bad_arguments_are_invalid_params_listing_each()
    {
        await using var server = await StartAsync();
        var response = await server.RequestAsync(1, "prompts/get", """{"name":"summarize","arguments":{"words":"many","tone":"Purple","extra":"x"}}""");
        Assert.Equal(
            """{"code":-32602,"message":"Invalid params","data":{"details":"Invalid arguments for prompt 'summarize': /words: 'many' is not a valid Int32; /tone: 'Purple' is not one of: Red, Green, Blue; /extra: unknown argument; this prompt accepts: text, words, tone, bullets, asOf; /text: required argument is missing.","errors":[{"path":"/words","message":"'many' is not a valid Int32"},{"path":"/tone","message":"'Purple' is not one of: Red, Green, Blue"},{"path":"/extra","message":"unknown argument; this prompt accepts: text, words, tone, bullets, asOf"},{"path":"/text","message":"required argument is missing"}]}}""",
            ServerHarness.Error(response));
    }

    [Fact]
    public async Task Rich_content_async_prompts_and_failures()
    {
        await using var server = await StartAsync();
        Assert.Equal(
            """{"description":"rich content","messages":[{"role":"user","content":{"type":"image","data":"AQ==","mimeType":"image/png"}},{"role":"user","content":{"type":"audio","data":"Ag==","mimeType":"audio/wav"}},{"role":"user","content":{"type":"resource","resource":{"uri":"docs://a","mimeType":"text/plain","text":"A"}}}]}""",
            (await server.RequestAsync(1, "prompts/get", """{"name":"rich"}""")).GetProperty("result").GetRawText());
        Assert.Equal("""{"messages":[{"role":"user","content":{"type":"text","text":"About tides"}}]}""",
            (await server.RequestAsync(2, "prompts/get", """{"name":"later","arguments":{"topic":"tides"}}""")).GetProperty("result").GetRawText());
        Assert.Equal("""{"code":-32603,"message":"Internal error","data":{"details":"Prompt 'broken' failed: template missing"}}""",
            ServerHarness.Error(await server.RequestAsync(3, "prompts/get", """{"name":"broken"}""")));
        Assert.Equal("""{"code":-32602,"message":"Invalid params","data":{"details":"Unknown prompt: 'nope'. Call prompts/list for the available prompts."}}""",
            ServerHarness.Error(await server.RequestAsync(4, "prompts/get", """{"name":"nope"}""")));
    }

    [Fact]
    public async Task Tools_and_prompts_together_declare_both()
    {
        await using var server = ServerHarness.Start(b => b.AddTools<BasicTools>().AddPrompts<WritingPrompts>());
        var capabilities = (await server.InitializeAsync()).GetProperty("result").GetProperty("capabilities").GetRawText();
        Assert.Equal("""{"completions":{},"logging":{},"prompts":{"listChanged":true},"tools":{"listChanged":true}}""", capabilities);
    }
}
