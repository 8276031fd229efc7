using System;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using McpForge.AspNetCore.Tests.Harness;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace McpForge.AspNetCore.Tests;

/// <summary>
/// Request states across instances: servers that seal with Data Protection (<c>AddMcpDataProtection</c>) over one key
/// ring open each other's states, so a 2026-07-28 retry may reach any instance behind a load balancer; a server with
/// its own key (the default) refuses a state another sealed.
/// </summary>
public sealed class SharedKeyRingTests : IDisposable
{
    private const string Greet = """{"salutation":"Hello"}""";
    private const string Answer = """{"user_name":{"action":"accept","content":{"name":"Ada"}}}""";
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("mcpforge-keys-");

    public void Dispose() => _keys.Delete(recursive: true);

    private Task<McpTestHost> StartAsync(bool sharedKeyRing) => McpTestHost.StartAsync(
        mcp: b => b.AddTools<ModernTools>(),
        configure: builder =>
        {
            if (!sharedKeyRing) return;
            builder.Services.AddDataProtection().SetApplicationName("mcp-fleet").PersistKeysToFileSystem(_keys);
            builder.Services.AddMcpDataProtection();
        });

    private static async Task<string> AskAsync(McpTestHost host)
    {
        var first = await host.SendModernAsync(Modern.Call("1", "greet", Greet, """{"elicitation":{}}"""));
        Assert.True(first.Status == HttpStatusCode.OK, first.Body);
        Assert.Equal("input_required", first.Result.GetProperty("resultType").GetString());
        return first.Result.GetProperty("requestState").GetString()!;
    }

    private static string Retry(string state) => Modern.Call("2", "greet", Greet, """{"elicitation":{}}""",
        more: "\"inputResponses\":" + Answer + ",\"requestState\":" + System.Text.Json.JsonSerializer.Serialize(state));

    [Fact]
    public async Task A_state_sealed_by_one_instance_opens_on_another_that_shares_the_key_ring()
    {
        await using var first = await StartAsync(sharedKeyRing: true);
        await using var second = await StartAsync(sharedKeyRing: true);
        var state = await AskAsync(first);

        var answer = await second.SendModernAsync(Retry(state));
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        Assert.Equal("complete", answer.Result.GetProperty("resultType").GetString());
        Assert.Equal("Hello, Ada! (accept)", answer.Result.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Without_a_shared_key_ring_another_instance_refuses_the_state()
    {
        await using var first = await StartAsync(sharedKeyRing: false);
        await using var second = await StartAsync(sharedKeyRing: false);
        var state = await AskAsync(first);

        var error = (await second.SendModernAsync(Retry(state))).AssertError(HttpStatusCode.OK, -32602, "2");
        Assert.Contains("requestState", error.GetProperty("data").GetProperty("details").GetString());
        // The instance that sealed it still opens it.
        Assert.Equal("complete", (await first.SendModernAsync(Retry(state))).Result.GetProperty("resultType").GetString());
    }
}
