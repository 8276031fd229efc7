using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.AspNetCore.Tests.Harness;

namespace McpForge.AspNetCore.Tests;

/// <summary>
/// <c>CacheTtlMs</c>/<c>CacheScope</c> and <c>[McpIcon]</c> on generated components, as clients of both eras see them
/// over real Kestrel: the hints on 2026-07-28 list and read results, the icons in list entries of both eras.
/// </summary>
public sealed class CacheHintsAndIconsTests
{
    /// <summary>Beside the host's own tools and resources (which take the server's defaults: 10 minutes, public).</summary>
    private static Task<McpTestHost> StartAsync() => McpTestHost.StartAsync(mcp: b => b
        .AddTools<CatalogComponents>().AddPrompts<CatalogComponents>().AddResources<CatalogComponents>()
        .Configure(o =>
        {
            o.CacheTtl = System.TimeSpan.FromMinutes(10);
            o.CacheScope = McpCacheScope.Public;
        }));

    /// <summary>A list's entry for one component, found by its name or URI.</summary>
    private static JsonElement Entry(JsonElement result, string key, string id) => result.GetProperty(key).EnumerateArray()
        .Single(e => (e.TryGetProperty("uriTemplate", out var t) ? t : e.TryGetProperty("uri", out var u) ? u : e.GetProperty("name")).GetString() == id);

    private const string CountIcons =
        """[{"src":"https://example.com/count-48.png","mimeType":"image/png","sizes":["48x48","96x96"],"theme":"light"},{"src":"data:image/svg+xml;base64,PHN2Zy8+","sizes":["any"],"theme":"dark"}]""";

    [Theory]
    [InlineData("tools/list", 60000, "public")]                 // the shortest-lived component: the tool's own 60 s
    [InlineData("prompts/list", 30000, "private")]              // the prompt's own private beats the server's public
    [InlineData("resources/list", 120000, "public")]
    [InlineData("resources/templates/list", 0, "public")]       // an explicit 0: stale at once; scope unset: the server's
    public async Task A_modern_list_carries_the_ttl_and_scope_its_components_set(string method, long ttlMs, string scope)
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Request("1", method));
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        Assert.Equal(ttlMs, answer.Result.GetProperty("ttlMs").GetInt64());
        Assert.Equal(scope, answer.Result.GetProperty("cacheScope").GetString());
    }

    [Theory]
    [InlineData("catalog://front", 120000, "public")]
    [InlineData("catalog://items/7", 0, "public")]
    public async Task A_modern_read_carries_its_resource_s_own_hints(string uri, long ttlMs, string scope)
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Request("2", "resources/read", $$"""{"uri":"{{uri}}"}"""));
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        Assert.Equal(ttlMs, answer.Result.GetProperty("ttlMs").GetInt64());
        Assert.Equal(scope, answer.Result.GetProperty("cacheScope").GetString());
    }

    [Fact]
    public async Task A_session_era_list_has_no_cache_hints()
    {
        await using var host = await StartAsync();
        var session = await host.InitializeAsync();
        var result = (await host.RequestAsync(session, """{"jsonrpc":"2.0","id":3,"method":"tools/list"}""")).GetProperty("result");
        Assert.False(result.TryGetProperty("ttlMs", out _));
        Assert.False(result.TryGetProperty("cacheScope", out _));
    }

    [Fact]
    public async Task Icons_are_listed_for_tools_prompts_resources_and_templates_in_both_eras()
    {
        await using var host = await StartAsync();
        var session = await host.InitializeAsync();
        foreach (var (method, key, id, expected) in new[]
        {
            ("tools/list", "tools", "count_items", CountIcons),
            ("prompts/list", "prompts", "summarize", """[{"src":"https://example.com/summarize.png"}]"""),
            ("resources/list", "resources", "catalog://front", """[{"src":"https://example.com/front.png","mimeType":"image/png"}]"""),
            ("resources/templates/list", "resourceTemplates", "catalog://items/{id}", """[{"src":"https://example.com/item.png","sizes":["32x32"]}]"""),
        })
        {
            var legacy = (await host.RequestAsync(session, $$"""{"jsonrpc":"2.0","id":4,"method":"{{method}}"}""")).GetProperty("result");
            var modern = (await host.SendModernAsync(Modern.Request("5", method))).Result;
            foreach (var result in new[] { legacy, modern })
            {
                Assert.Equal(expected, Entry(result, key, id).GetProperty("icons").GetRawText());
            }
        }
    }

    [Fact]
    public async Task Titles_of_prompts_resources_and_templates_are_listed()
    {
        await using var host = await StartAsync();
        foreach (var (method, key, id, title) in new[]
        {
            ("prompts/list", "prompts", "summarize", "Summarize"),
            ("resources/list", "resources", "catalog://front", "Front page"),
            ("resources/templates/list", "resourceTemplates", "catalog://items/{id}", "Item"),
        })
        {
            Assert.Equal(title, Entry((await host.SendModernAsync(Modern.Request("6", method))).Result, key, id).GetProperty("title").GetString());
        }
    }
}
