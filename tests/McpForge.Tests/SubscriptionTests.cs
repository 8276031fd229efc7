using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>resources/subscribe, resources/unsubscribe and notifications/resources/updated.</summary>
public sealed class SubscriptionTests
{
    private static async Task<ServerHarness> StartAsync()
    {
        var server = ServerHarness.Start(b => b.AddResources<LibraryResources>().AddTools<LibraryAdmin>());
        await server.InitializeAsync();
        return server;
    }

    private static async Task<List<string>> TouchAsync(ServerHarness server, int id, string uri)
    {
        var notifications = new List<JsonElement>();
        var response = await server.RequestAsync(id, "tools/call", "{\"name\":\"touch\",\"arguments\":{\"uri\":\"" + uri + "\"}}", notifications);
        Assert.Equal("touched " + uri, ServerHarness.Text(response));
        return notifications.Select(n => n.GetRawText()).ToList();
    }

    [Fact]
    public async Task Subscribers_hear_about_updates_to_their_uris_only_until_they_unsubscribe()
    {
        await using var server = await StartAsync();
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""", (await server.RequestAsync(1, "resources/subscribe", """{"uri":"docs://readme"}""")).GetRawText());
        Assert.Equal("""{"jsonrpc":"2.0","id":2,"result":{}}""", (await server.RequestAsync(2, "resources/subscribe", """{"uri":"users://7/profile"}""")).GetRawText());

        Assert.Equal(["""{"jsonrpc":"2.0","method":"notifications/resources/updated","params":{"uri":"docs://readme"}}"""], await TouchAsync(server, 3, "docs://readme"));
        Assert.Equal(["""{"jsonrpc":"2.0","method":"notifications/resources/updated","params":{"uri":"users://7/profile"}}"""], await TouchAsync(server, 4, "users://7/profile"));
        Assert.Empty(await TouchAsync(server, 5, "docs://logo.png"));

        Assert.Equal("""{"jsonrpc":"2.0","id":6,"result":{}}""", (await server.RequestAsync(6, "resources/unsubscribe", """{"uri":"docs://readme"}""")).GetRawText());
        Assert.Empty(await TouchAsync(server, 7, "docs://readme"));
    }

    [Fact]
    public async Task Subscribing_to_a_uri_the_server_cannot_read_is_resource_not_found()
    {
        await using var server = await StartAsync();
        Assert.Equal("""{"code":-32002,"message":"Resource not found","data":{"uri":"docs://nothing"}}""",
            ServerHarness.Error(await server.RequestAsync(1, "resources/subscribe", """{"uri":"docs://nothing"}""")));
        Assert.Equal(-32602, (await server.RequestAsync(2, "resources/subscribe", "{}")).GetProperty("error").GetProperty("code").GetInt32());
    }
}
