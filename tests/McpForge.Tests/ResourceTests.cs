using System.Linq;
using System.Threading.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>resources/list, resources/templates/list and resources/read.</summary>
public sealed class ResourceTests
{
    private static async Task<ServerHarness> StartAsync()
    {
        var server = ServerHarness.Start(b => b.AddResources<LibraryResources>());
        await server.InitializeAsync();
        return server;
    }

    private static Task<System.Text.Json.JsonElement> Read(ServerHarness server, int id, string uri) =>
        server.RequestAsync(id, "resources/read", "{\"uri\":\"" + uri + "\"}");

    [Fact]
    public async Task A_resource_server_declares_resources_only()
    {
        await using var server = ServerHarness.Start(b => b.AddResources<LibraryResources>());
        var capabilities = (await server.InitializeAsync()).GetProperty("result").GetProperty("capabilities").GetRawText();
        Assert.Equal("""{"completions":{},"logging":{},"resources":{"subscribe":true,"listChanged":true}}""", capabilities);
        Assert.Equal(-32601, (await server.RequestAsync(1, "prompts/list")).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Lists_separate_fixed_resources_from_templates()
    {
        await using var server = await StartAsync();
        Assert.Equal(
            """{"resources":[{"uri":"docs://readme","name":"readme","title":"Read me","description":"The read-me.","mimeType":"text/markdown"},{"uri":"docs://logo.png","name":"logo","description":"The logo.","mimeType":"image/png"},{"uri":"errors://boom","name":"boom","description":"Fails."}]}""",
            (await server.RequestAsync(1, "resources/list")).GetProperty("result").GetRawText());
        var templates = (await server.RequestAsync(2, "resources/templates/list")).GetProperty("result").GetProperty("resourceTemplates");
        Assert.Equal(["users://{id}/profile", "books://{shelf}/{title}", "files:///{+path}"],
            templates.EnumerateArray().Select(t => t.GetProperty("uriTemplate").GetString()).ToArray());
        Assert.Equal("""{"uriTemplate":"users://{id}/profile","name":"profile","description":"A user's profile.","mimeType":"application/json"}""", templates[0].GetRawText());
    }

    [Fact]
    public async Task Fixed_resources_read_as_text_and_blob()
    {
        await using var server = await StartAsync();
        Assert.Equal("""{"contents":[{"uri":"docs://readme","mimeType":"text/markdown","text":"# Library"}]}""",
            (await Read(server, 1, "docs://readme")).GetProperty("result").GetRawText());
        Assert.Equal("""{"contents":[{"uri":"docs://logo.png","mimeType":"image/png","blob":"iVBORw=="}]}""",
            (await Read(server, 2, "docs://logo.png")).GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task Template_variables_are_matched_decoded_and_converted()
    {
        await using var server = await StartAsync();
        Assert.Equal("""{"contents":[{"uri":"users://42/profile","mimeType":"application/json","text":"{\"id\":42}"}]}""",
            (await Read(server, 1, "users://42/profile")).GetProperty("result").GetRawText());
        Assert.Equal("""{"contents":[{"uri":"books://Red/War and Peace","mimeType":"text/plain","text":"War and Peace on the Red shelf"}]}""",
            (await Read(server, 2, "books://Red/War%20and%20Peace")).GetProperty("result").GetRawText());
        var file = (await Read(server, 3, "files:///src/app/main.cs")).GetProperty("result").GetProperty("contents");
        Assert.Equal("text of src/app/main.cs", file[0].GetProperty("text").GetString());
        Assert.Equal("AQI=", file[1].GetProperty("blob").GetString());
    }

    [Fact]
    public async Task An_unknown_uri_is_resource_not_found_with_the_uri()
    {
        await using var server = await StartAsync();
        foreach (var uri in new[] { "docs://nothing", "users://42/settings", "users:///profile", "users://1/2/profile", "books://Red" })
        {
            Assert.Equal("{\"code\":-32002,\"message\":\"Resource not found\",\"data\":{\"uri\":\"" + uri + "\"}}", ServerHarness.Error(await Read(server, 1, uri)));
        }
    }

    [Fact]
    public async Task Variables_that_do_not_convert_are_invalid_params()
    {
        await using var server = await StartAsync();
        Assert.Equal(
            """{"code":-32602,"message":"Invalid params","data":{"details":"The URI 'users://abc/profile' has template variables that do not convert: /id: 'abc' is not a valid Int32.","errors":[{"path":"/id","message":"'abc' is not a valid Int32"}]}}""",
            ServerHarness.Error(await Read(server, 1, "users://abc/profile")));
        Assert.Equal("'Purple' is not one of: Red, Green, Blue",
            (await Read(server, 2, "books://Purple/x")).GetProperty("error").GetProperty("data").GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_failing_resource_and_bad_params_get_errors_and_the_server_keeps_serving()
    {
        await using var server = await StartAsync();
        Assert.Equal("""{"code":-32603,"message":"Internal error","data":{"details":"Reading 'errors://boom' failed: disk unplugged"}}""",
            ServerHarness.Error(await Read(server, 1, "errors://boom")));
        Assert.Equal("""{"code":-32602,"message":"Invalid params","data":{"details":"resources/read requires \"uri\" (a string)."}}""",
            ServerHarness.Error(await server.RequestAsync(2, "resources/read", """{"uri":7}""")));
        Assert.Equal("# Library", (await Read(server, 3, "docs://readme")).GetProperty("result").GetProperty("contents")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Two_resources_with_one_uri_fail_the_build_of_the_server()
    {
        var builder = McpServer.CreateBuilder("dup", "1").AddResources<LibraryResources>()
            .AddResources(new Generated.McpResourceSet([new Resources.McpResource("docs://readme", """{"uri":"docs://readme","name":"x"}"""u8, static (_, _) => default)], []));
        Assert.Equal("Two registered resources have the URI 'docs://readme'. Resource URIs must be unique within a server.",
            Assert.Throws<System.InvalidOperationException>(() => builder.Build()).Message);
    }
}
