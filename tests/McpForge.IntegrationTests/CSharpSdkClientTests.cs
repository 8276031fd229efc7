using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

// Sampling is deprecated as of 2026-07-28 but still part of the session era these tests drive.
#pragma warning disable MCP9005

namespace McpForge.IntegrationTests;

/// <summary>
/// The official C# SDK's client (NuGet <c>ModelContextProtocol</c> 2.4.0) held to the session era (protocol version
/// 2025-11-25: <c>initialize</c>, and over HTTP an <c>Mcp-Session-Id</c>) against samples/Everything as a real process,
/// over Streamable HTTP and stdio: the endpoint that serves 2026-07-28 requests still serves legacy clients unchanged,
/// server-to-client requests (elicitation, sampling) included.
/// </summary>
public sealed class CSharpSdkClientTests
{
    private static McpClientOptions LegacyOptions(List<string> asked) => new()
    {
        ClientInfo = new Implementation { Name = "csharp-sdk-peer", Version = "2.4.0" },
        ProtocolVersion = "2025-11-25",
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (request, _) =>
            {
                lock (asked) asked.Add("elicitation: " + request?.Message);
                var content = request?.RequestedSchema?.Properties.ContainsKey("name") == true
                    ? new Dictionary<string, JsonElement> { ["name"] = JsonSerializer.SerializeToElement("Grace") }
                    : new Dictionary<string, JsonElement>
                    {
                        ["username"] = JsonSerializer.SerializeToElement("grace"),
                        ["email"] = JsonSerializer.SerializeToElement("grace@example.com"),
                    };
                return ValueTask.FromResult(new ElicitResult { Action = "accept", Content = content });
            },
            SamplingHandler = (request, _, _) =>
            {
                lock (asked) asked.Add("sampling: " + ((TextContentBlock)request!.Messages[0].Content.Single()).Text);
                return ValueTask.FromResult(new CreateMessageResult
                {
                    Role = Role.Assistant,
                    Model = "csharp-model",
                    Content = [new TextContentBlock { Text = "an answer from C#" }],
                });
            },
        },
    };

    private static string Text(CallToolResult result) => ((TextContentBlock)result.Content[0]).Text;

    private static async Task UseEverythingAsync(McpClient client, List<string> asked, CancellationToken cancellationToken)
    {
        Assert.Equal("2025-11-25", client.NegotiatedProtocolVersion);
        Assert.Equal("mcpforge-everything", client.ServerInfo?.Name);
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        Assert.Contains(tools, t => t.Name == "test_simple_text");
        Assert.Contains(tools, t => t.Name == "test_input_required_result_elicitation");

        var simple = await client.CallToolAsync("test_simple_text", cancellationToken: cancellationToken);
        Assert.Equal("This is a simple text response for testing.", Text(simple));
        Assert.False(simple.Meta?.ContainsKey("io.modelcontextprotocol/serverInfo") ?? false); // no 2026-07-28 fields in a session

        var elicited = await client.CallToolAsync("test_elicitation", new Dictionary<string, object?> { ["message"] = "Who are you?" },
            cancellationToken: cancellationToken);
        Assert.Equal("""User response: action=accept, content={"username":"grace","email":"grace@example.com"}""", Text(elicited));

        var sampled = await client.CallToolAsync("test_sampling", new Dictionary<string, object?> { ["prompt"] = "What is MCP?" },
            cancellationToken: cancellationToken);
        Assert.Equal("LLM response: an answer from C#", Text(sampled));

        // A tool written for input rounds: in a session its ask is a real elicitation/create to the client.
        var named = await client.CallToolAsync("test_input_required_result_elicitation", cancellationToken: cancellationToken);
        Assert.Equal("Hello, Grace!", Text(named));

        var resource = await client.ReadResourceAsync("test://static-text", cancellationToken: cancellationToken);
        Assert.Equal("This is the content of the static text resource.", ((TextResourceContents)resource.Contents[0]).Text);
        lock (asked)
        {
            Assert.Equal(["elicitation: Who are you?", "sampling: What is MCP?", "elicitation: What is your name?"], asked);
        }
    }

    [Fact]
    public async Task The_official_CSharp_client_on_the_session_era_uses_Everything_over_streamable_http()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await HttpServerProcess.StartAsync("dotnet", RepositoryPaths.BuiltAssembly("samples/Everything", "Everything"));
        var asked = new List<string>();
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server.Mcp, TransportMode = HttpTransportMode.StreamableHttp });
        await using var client = await McpClient.CreateAsync(transport, LegacyOptions(asked), cancellationToken: cts.Token);
        Assert.Matches("^[0-9a-f]{32}$", client.SessionId);
        await UseEverythingAsync(client, asked, cts.Token);
    }

    [Fact]
    public async Task The_official_CSharp_client_on_the_session_era_uses_Everything_over_stdio()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var asked = new List<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [RepositoryPaths.BuiltAssembly("samples/Everything", "Everything"), "--stdio"],
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        });
        await using var client = await McpClient.CreateAsync(transport, LegacyOptions(asked), cancellationToken: cts.Token);
        await UseEverythingAsync(client, asked, cts.Token);
    }
}
