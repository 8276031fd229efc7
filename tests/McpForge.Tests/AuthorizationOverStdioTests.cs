using System.Threading.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>
/// Over stdio there are no callers to tell apart (the server runs as the user who started it): [McpAuthorize] is not
/// checked there, and McpContext.User is null. HTTP enforces it (tests/McpForge.AspNetCore.Tests).
/// </summary>
public sealed class AuthorizationOverStdioTests
{
    [Fact]
    public async Task A_guarded_tool_is_listed_and_served_over_stdio_with_no_user()
    {
        await using var server = ServerHarness.Start(b => b.AddTools<GuardedTools>());
        await server.InitializeAsync();
        Assert.Contains("\"name\":\"guarded\"", (await server.RequestAsync(1, "tools/list")).GetRawText());
        Assert.Equal("served to the local user", ServerHarness.Text(await server.CallToolAsync(2, "guarded", "{}")));
    }
}
