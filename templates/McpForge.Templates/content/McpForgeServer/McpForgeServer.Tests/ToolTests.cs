using McpForge;
using McpForge.Testing;
using Xunit;

namespace McpForgeServer.Tests;

/// <summary>
/// The server's tools, called in process through the real protocol (docs: McpForge.Testing). Each theory runs in both
/// protocol eras: a 2025-11-25 session and 2026-07-28 stateless requests.
/// </summary>
public sealed class ToolTests
{
    public static TheoryData<McpTestProtocol> Eras => [McpTestProtocol.Session, McpTestProtocol.Stateless];

    private static Task<McpTestClient> ConnectAsync(McpTestProtocol protocol = McpTestProtocol.Session) =>
        McpTestClient.ConnectAsync(McpServer.CreateBuilder("mcpforge-server-name", "1.0.0").AddTools<Tools>(),
            new McpTestClientOptions { Protocol = protocol }, TestContext.Current.CancellationToken);

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Greet_greets_by_name(McpTestProtocol protocol)
    {
        await using var client = await ConnectAsync(protocol);
        var result = await client.CallToolAsync("greet", new() { ["name"] = "Ada" }, TestContext.Current.CancellationToken);
        Assert.Equal("Hello, Ada!", result.Text);
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Add_adds_past_the_range_of_int(McpTestProtocol protocol)
    {
        await using var client = await ConnectAsync(protocol);
        var result = await client.CallToolAsync("add", new() { ["a"] = int.MaxValue, ["b"] = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal("2147483648", result.Text);
    }

    [Fact]
    public async Task Wait_refuses_a_duration_out_of_range()
    {
        await using var client = await ConnectAsync();
        var result = await client.CallToolAsync("wait", new() { ["seconds"] = 0 }, TestContext.Current.CancellationToken);
        Assert.True(result.IsError);
        Assert.Contains("/seconds", result.Text);
    }

    /// <summary>
    /// The tools as clients see them (names, descriptions, schemas) match tools.snapshot.json. After changing a tool on
    /// purpose, accept the change with: MCPFORGE_UPDATE_SNAPSHOTS=1 dotnet test
    /// </summary>
    [Fact]
    public async Task The_tools_match_their_snapshot()
    {
        await using var client = await ConnectAsync();
        await McpToolsSnapshot.AssertMatchesAsync(client, "tools.snapshot.json", TestContext.Current.CancellationToken);
    }
}
