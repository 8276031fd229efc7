using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>samples/SecureServer as a real process with its development issuer: the flow its README shows.</summary>
public sealed class SecureServerTests
{
    private static HttpRequestMessage Post(McpHttpClient client, string json, string? token, string? session = null) =>
        client.Post(json, session, headers: token is null ? null : [new("Authorization", "Bearer " + token)]);

    [Fact]
    public async Task A_token_from_the_development_issuer_is_served_with_its_scopes_and_no_more()
    {
        await using var server = await HttpServerProcess.StartAsync("dotnet", RepositoryPaths.BuiltAssembly("samples/SecureServer", "SecureServer"), "--dev-issuer");
        using var http = new HttpClient();
        var client = new McpHttpClient(http, server.Mcp);
        const string initialize = """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""";

        using (var anonymous = await client.SendAsync(Post(client, initialize, token: null)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal($"Bearer resource_metadata=\"{server.BaseAddress}.well-known/oauth-protected-resource/mcp\"", anonymous.Headers.WwwAuthenticate.ToString());
        }

        using var tokenResponse = await http.PostAsync(new System.Uri(server.BaseAddress, "/dev/token"),
            new FormUrlEncodedContent([new("sub", "ada"), new("scope", "notes:read notes:write")]));
        var token = await tokenResponse.Content.ReadAsStringAsync();
        using var initialized = await client.SendAsync(Post(client, initialize, token));
        Assert.Equal(HttpStatusCode.OK, initialized.StatusCode);
        var session = initialized.Headers.GetValues("Mcp-Session-Id").Single();

        using var list = await client.SendAsync(Post(client, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", token, session));
        var tools = await list.Content.ReadAsStringAsync();
        Assert.Contains("\"write_note\"", tools);
        Assert.DoesNotContain("\"delete_note\"", tools);

        using var write = await client.SendAsync(Post(client, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"write_note","arguments":{"name":"todo","text":"ship it"}}}""", token, session));
        Assert.Equal("""{"jsonrpc":"2.0","id":2,"result":{"content":[{"type":"text","text":"Saved 'todo' for ada."}]}}""", await write.Content.ReadAsStringAsync());

        using var delete = await client.SendAsync(Post(client, """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"delete_note","arguments":{"name":"todo"}}}""", token, session));
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Contains("error=\"insufficient_scope\"", delete.Headers.WwwAuthenticate.ToString());
        Assert.Contains("scope=\"notes:admin notes:read\"", delete.Headers.WwwAuthenticate.ToString());
    }
}
