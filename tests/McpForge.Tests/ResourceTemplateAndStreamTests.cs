using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Protocol;
using McpForge.Resources;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;
using McpForge.Generated;

namespace McpForge.Tests;

/// <summary>RFC 6570 level 1-3 matching, streamed reads with their size limit, and resources changed at run time.</summary>
public sealed class ResourceTemplateAndStreamTests
{
    private static async Task<ServerHarness> StartAsync(Action<McpServerOptions>? options = null)
    {
        var server = ServerHarness.Start(b =>
        {
            b.AddResources<CatalogResources>();
            options?.Invoke(b.Options);
        });
        await server.InitializeAsync();
        return server;
    }

    private static Task<JsonElement> Read(ServerHarness server, int id, string uri) =>
        server.RequestAsync(id, "resources/read", "{\"uri\":" + JsonSerializer.Serialize(uri) + "}");

    private static string Text(JsonElement response) => response.GetProperty("result").GetProperty("contents")[0].GetProperty("text").GetString()!;

    [Theory]
    [InlineData("users://{id}", "users://42", "id=42")]
    [InlineData("users://{id}", "users://4%202", "id=4 2")]
    [InlineData("files:///{+path}", "files:///a/b/c.txt", "path=a/b/c.txt")]
    [InlineData("points://{x,y}", "points://3,4", "x=3 y=4")]
    [InlineData("points://{x,y}", "points://3", "x=3 y=null")]
    [InlineData("search://s{?q,limit}", "search://s?q=cats&limit=5", "q=cats limit=5")]
    [InlineData("search://s{?q,limit}", "search://s?limit=5&q=cats", "q=cats limit=5")]
    [InlineData("search://s{?q,limit}", "search://s?q=big%20cats", "q=big cats limit=null")]
    [InlineData("search://s{?q,limit}", "search://s", "q=null limit=null")]
    [InlineData("search://s{?q}{&page}", "search://s?q=x&page=2", "q=x page=2")]
    [InlineData("maps://{z}{/x,y}{.fmt}", "maps://3/1/2.png", "z=3 x=1 y=2 fmt=png")]
    [InlineData("maps://{z}{/x,y}{.fmt}", "maps://3", "z=3 x=null y=null fmt=null")]
    [InlineData("docs://{+page}{#section}", "docs://guide/start#install", "page=guide/start section=install")]
    [InlineData("items://list{;sort,desc}", "items://list;sort=name;desc", "sort=name desc=")]
    public void A_uri_matches_its_template_with_the_values_decoded(string template, string uri, string expected)
    {
        var matcher = UriTemplateMatcher.Parse(template);
        var values = matcher.Match(uri);
        Assert.NotNull(values);
        Assert.Equal(expected, string.Join(" ", matcher.Variables.Select((name, i) => name + "=" + (values[i] ?? "null"))));
    }

    [Theory]
    [InlineData("users://{id}", "users://")]
    [InlineData("users://{id}", "users://a/b")]
    [InlineData("users://{id}", "people://42")]
    [InlineData("points://{x,y}", "points://1,2,3")]
    [InlineData("search://s{?q,limit}", "search://s?q=a&q=b")]
    [InlineData("search://s{?q,limit}", "search://s?other=1")]
    [InlineData("search://s{?q,limit}", "search://s&q=1")]
    [InlineData("maps://{z}{/x,y}", "maps://3/1/2/9")]
    public void A_uri_that_breaks_the_template_does_not_match(string template, string uri) =>
        Assert.Null(UriTemplateMatcher.Parse(template).Match(uri));

    [Fact]
    public void A_template_McpForge_cannot_match_is_refused_with_the_reason() =>
        Assert.Equal("'users://{id:3}' is not a URI template McpForge can match: '{id:3}' uses a level 4 modifier (':' prefix or '*' explode), which is not supported. (Parameter 'template')",
            Assert.Throws<ArgumentException>(() => UriTemplateMatcher.Parse("users://{id:3}")).Message);

    [Fact]
    public async Task Optional_query_variables_bind_to_defaults_and_nullable_parameters()
    {
        await using var server = await StartAsync();
        Assert.Equal("q=(none) colour=Red limit=10", Text(await Read(server, 1, "catalog://search")));
        Assert.Equal("q=owls colour=Blue limit=3", Text(await Read(server, 2, "catalog://search?limit=3&colour=Blue&q=owls")));
        Assert.Equal(
            """{"code":-32602,"message":"Invalid params","data":{"details":"The URI 'catalog://search?limit=many' has template variables that do not convert: /limit: 'many' is not a valid Int32.","errors":[{"path":"/limit","message":"'many' is not a valid Int32"}]}}""",
            ServerHarness.Error(await Read(server, 3, "catalog://search?limit=many")));
        Assert.Equal(-32002, (await Read(server, 4, "catalog://search?q=a&sort=b")).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_parameter_without_default_for_a_left_out_variable_is_an_error()
    {
        await using var server = await StartAsync();
        Assert.Equal("book 7 page 2", Text(await Read(server, 1, "catalog://books/7/2")));
        Assert.Equal(
            """{"code":-32602,"message":"Invalid params","data":{"details":"The URI 'catalog://books/7' has template variables that do not convert: /page: is missing from the URI, and the parameter has no default.","errors":[{"path":"/page","message":"is missing from the URI, and the parameter has no default"}]}}""",
            ServerHarness.Error(await Read(server, 2, "catalog://books/7")));
    }

    [Fact]
    public async Task A_textual_stream_is_read_as_text_across_chunk_boundaries()
    {
        await using var server = await StartAsync();
        // About 150 KB of multi-byte text: several 48 KB chunks, with UTF-8 sequences cut at their edges.
        var expected = string.Concat(Enumerable.Range(1, 5000).Select(i => "línea " + i + " – ünïcödé\n"));
        var result = (await Read(server, 1, "catalog://lines/5000")).GetProperty("result").GetProperty("contents")[0];
        Assert.Equal("text/plain; charset=utf-8", result.GetProperty("mimeType").GetString());
        Assert.Equal(expected, result.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_binary_stream_is_base64_in_one_blob()
    {
        await using var server = await StartAsync();
        var blob = (await Read(server, 1, "catalog://noise/100000")).GetProperty("result").GetProperty("contents")[0].GetProperty("blob").GetString()!;
        Assert.Equal(Enumerable.Range(0, 100000).Select(i => (byte)i).ToArray(), Convert.FromBase64String(blob));
    }

    [Fact]
    public async Task Reads_over_the_limit_fail_clearly_and_the_server_keeps_serving()
    {
        await using var server = await StartAsync(o => o.MaxResourceBytes = 50_000);
        Assert.Equal(
            """{"code":-32603,"message":"Internal error","data":{"details":"Reading 'catalog://noise/60000' failed: 'catalog://noise/60000' is over the limit of 50000 bytes (McpServerOptions.MaxResourceBytes); reading stopped there."}}""",
            ServerHarness.Error(await Read(server, 1, "catalog://noise/60000")));
        // A seekable stream is refused before any of it is read.
        Assert.Contains("bytes, over the limit of 50000 bytes (McpServerOptions.MaxResourceBytes).", ServerHarness.Error(await Read(server, 2, "catalog://lines/2000")));
        Assert.Equal(50_000, Convert.FromBase64String((await Read(server, 3, "catalog://noise/50000")).GetProperty("result").GetProperty("contents")[0].GetProperty("blob").GetString()!).Length);
    }

    [Fact]
    public async Task A_file_is_size_checked_before_it_is_opened_and_streamed_when_it_fits()
    {
        var folder = Directory.CreateTempSubdirectory("mcpforge-scans").FullName;
        CatalogResources.ScanFolder = folder;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "small.png"), [137, 80, 78, 71, 13, 10]);
            File.WriteAllBytes(Path.Combine(folder, "large.png"), new byte[2048]);
            await using var server = await StartAsync(o => o.MaxResourceBytes = 1024);
            Assert.Equal("""{"contents":[{"uri":"catalog://scans/small.png","mimeType":"image/png","blob":"iVBORw0K"}]}""",
                (await Read(server, 1, "catalog://scans/small.png")).GetProperty("result").GetRawText());
            Assert.Equal(
                """{"code":-32603,"message":"Internal error","data":{"details":"Reading 'catalog://scans/large.png' failed: 'catalog://scans/large.png' is 2048 bytes, over the limit of 1024 bytes (McpServerOptions.MaxResourceBytes)."}}""",
                ServerHarness.Error(await Read(server, 2, "catalog://scans/large.png")));
            Assert.Equal(-32603, (await Read(server, 3, "catalog://scans/missing.png")).GetProperty("error").GetProperty("code").GetInt32());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Resources_and_templates_added_and_removed_at_run_time_are_announced()
    {
        var server = McpServer.CreateBuilder("dynamic", "1").AddResources<CatalogResources>().Build();
        await using var client = ServerHarness.Start(server);
        await client.InitializeAsync();
        const string listChanged = """{"jsonrpc":"2.0","method":"notifications/resources/list_changed","params":{}}""";

        server.AddResource(McpResource.Create("notes://today", "today", "Today's note.", "text/plain",
            call => ValueTask.FromResult<ResourceContents>(new TextResourceContents(call.Uri, "buy milk", "text/plain"))));
        Assert.Equal(listChanged, (await client.ReadMessageAsync()).GetRawText());
        server.AddResourceTemplate(McpResourceTemplate.Create("notes://{day}{?tag}", "note", null, "text/plain",
            (variables, call) => ValueTask.FromResult<ResourceContents>(new TextResourceContents(call.Uri, variables["day"] + "/" + (variables["tag"] ?? "-")))));
        Assert.Equal(listChanged, (await client.ReadMessageAsync()).GetRawText());

        Assert.Equal("""{"uri":"notes://today","name":"today","description":"Today's note.","mimeType":"text/plain"}""",
            (await client.RequestAsync(1, "resources/list")).GetProperty("result").GetProperty("resources").EnumerateArray().Last().GetRawText());
        Assert.Equal("""{"uriTemplate":"notes://{day}{?tag}","name":"note","mimeType":"text/plain"}""",
            (await client.RequestAsync(2, "resources/templates/list")).GetProperty("result").GetProperty("resourceTemplates").EnumerateArray().Last().GetRawText());
        Assert.Equal("buy milk", Text(await Read(client, 3, "notes://today")));
        Assert.Equal("monday/work", Text(await Read(client, 4, "notes://monday?tag=work")));
        Assert.Throws<InvalidOperationException>(() => server.AddResource(McpResource.Create("notes://today", "again", null, null, _ => default)));

        Assert.True(server.RemoveResource("notes://today"));
        Assert.Equal(listChanged, (await client.ReadMessageAsync()).GetRawText());
        Assert.True(server.RemoveResource("notes://{day}{?tag}"));
        Assert.Equal(listChanged, (await client.ReadMessageAsync()).GetRawText());
        Assert.False(server.RemoveResource("notes://today"));
        Assert.Equal(-32002, (await Read(client, 5, "notes://today")).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(-32002, (await Read(client, 6, "notes://monday")).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_prompt_added_at_run_time_checks_its_arguments()
    {
        var server = McpServer.CreateBuilder("dynamic", "1").AddPrompts<WritingPrompts>().Build();
        await using var client = ServerHarness.Start(server);
        await client.InitializeAsync();
        server.AddPrompt(McpForge.Prompts.McpPrompt.Create("greet", "Greets someone.",
            [new McpForge.Prompts.PromptArgument("name", "Who to greet", Required: true), new McpForge.Prompts.PromptArgument("mood")],
            (arguments, _) => ValueTask.FromResult(new GetPromptResult
            {
                Messages = [PromptMessage.User("Hello " + arguments["name"] + (arguments.TryGetValue("mood", out var mood) ? " (" + mood + ")" : ""))],
            })));
        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/prompts/list_changed","params":{}}""", (await client.ReadMessageAsync()).GetRawText());
        Assert.Equal("""{"name":"greet","description":"Greets someone.","arguments":[{"name":"name","description":"Who to greet","required":true},{"name":"mood","required":false}]}""",
            (await client.RequestAsync(1, "prompts/list")).GetProperty("result").GetProperty("prompts").EnumerateArray().Last().GetRawText());
        Assert.Equal("""{"messages":[{"role":"user","content":{"type":"text","text":"Hello Ada (glad)"}}]}""",
            (await client.RequestAsync(2, "prompts/get", """{"name":"greet","arguments":{"name":"Ada","mood":"glad"}}""")).GetProperty("result").GetRawText());
        Assert.Equal(
            """{"code":-32602,"message":"Invalid params","data":{"details":"Invalid arguments for prompt 'greet': /size: unknown argument; this prompt accepts: name, mood; /name: required argument is missing.","errors":[{"path":"/size","message":"unknown argument; this prompt accepts: name, mood"},{"path":"/name","message":"required argument is missing"}]}}""",
            ServerHarness.Error(await client.RequestAsync(3, "prompts/get", """{"name":"greet","arguments":{"size":"big"}}""")));
    }
}
