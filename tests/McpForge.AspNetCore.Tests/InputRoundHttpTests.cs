using System;
using System.Buffers.Text;
using System.Linq;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.AspNetCore.Authorization;
using McpForge.AspNetCore.Tests.Harness;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace McpForge.AspNetCore.Tests;

/// <summary>
/// Multi round-trip requests over Streamable HTTP (MCP 2026-07-28): a tool written with the push API answers
/// <c>input_required</c>, the client retries with <c>inputResponses</c> and the sealed <c>requestState</c>, and the tool
/// completes. Every way a retry can be wrong is a JSON-RPC error (-32602), never a completed call.
/// </summary>
public sealed class InputRoundHttpTests
{
    private const string Elicitation = """{"elicitation":{}}""";
    private const string Greet = """{"salutation":"Hello"}""";
    private const string NameForm = """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""";

    private static Task<McpTestHost> StartAsync(TimeProvider? time = null) => McpTestHost.StartAsync(mcp: b =>
    {
        b.AddTools<ModernTools>();
        if (time is not null) b.Options.TimeProvider = time;
    });

    private static string Accept(string name) => "{\"action\":\"accept\",\"content\":{\"name\":\"" + name + "\"}}";

    private static string Retry(string id, string? state, string? responses, string tool = "greet", string arguments = Greet, string capabilities = Elicitation) =>
        Modern.Call(id, tool, arguments, capabilities, more: string.Join(",", new[]
        {
            responses is null ? null : "\"inputResponses\":" + responses,
            state is null ? null : "\"requestState\":" + JsonSerializer.Serialize(state),
        }.Where(p => p is not null)) is { Length: > 0 } more ? more : null);

    /// <summary>The first round of <paramref name="tool"/>: an input_required result; returns it and its state.</summary>
    private static async Task<(JsonElement Result, string State)> AskAsync(McpTestHost host, string tool = "greet", string arguments = Greet,
        Action<HttpRequestHeaders>? edit = null)
    {
        var answer = await host.SendModernAsync(Modern.Call("1", tool, arguments, """{"elicitation":{},"sampling":{}}"""), edit);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        var result = answer.Result;
        Assert.Equal("input_required", result.GetProperty("resultType").GetString());
        return (result, result.GetProperty("requestState").GetString()!);
    }

    private static string Text(McpAnswer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        var result = answer.Result;
        Assert.Equal("complete", result.GetProperty("resultType").GetString());
        return result.GetProperty("content")[0].GetProperty("text").GetString()!;
    }

    /// <summary>A refused retry: in-band -32602 (HTTP 200, the request was well-formed), never a result.</summary>
    private static string AssertRefused(McpAnswer answer, string id = "2")
    {
        var error = answer.AssertError(HttpStatusCode.OK, -32602, id);
        return error.GetProperty("data").GetProperty("details").GetString()!;
    }

    [Fact]
    public async Task A_push_api_elicitation_asks_then_completes_on_the_retry()
    {
        await using var host = await StartAsync();
        var (first, state) = await AskAsync(host);
        Assert.Equal(["inputRequests", "requestState", "resultType", "_meta"], first.EnumerateObject().Select(p => p.Name).ToArray());
        var ask = first.GetProperty("inputRequests").GetProperty("user_name");
        Assert.Equal("elicitation/create", ask.GetProperty("method").GetString());
        Assert.Equal("What is your name?", ask.GetProperty("params").GetProperty("message").GetString());
        Assert.Equal(NameForm, ask.GetProperty("params").GetProperty("requestedSchema").GetRawText());
        Assert.Single(first.GetProperty("inputRequests").EnumerateObject());
        // Sealed: what the server put in the state (what it asked, by key) cannot be read in it. Looked for in the decoded bytes, where a
        // state merely encoded would show it, and not as a short word in the base64 text, which random ciphertext spells now and then.
        var opened = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(state));
        Assert.DoesNotContain("user_name", opened);
        Assert.DoesNotContain("elicitation/create", opened);

        var done = await host.SendModernAsync(Retry("2", state, "{\"user_name\":" + Accept("Ada") + "}"));
        Assert.Equal("Hello, Ada! (accept)", Text(done));
        Assert.Null(done.SessionId);
        Assert.False(done.Result.TryGetProperty("requestState", out _));
    }

    [Fact]
    public async Task A_push_api_sampling_ask_gets_a_key_of_its_own_and_completes()
    {
        await using var host = await StartAsync();
        var (first, state) = await AskAsync(host, "model_says", "{}");
        var ask = Assert.Single(first.GetProperty("inputRequests").EnumerateObject());
        Assert.Equal("sampling/createMessage", ask.Value.GetProperty("method").GetString());
        var answer = """{"role":"assistant","content":{"type":"text","text":"bonjour"},"model":"m"}""";
        var done = await host.SendModernAsync(Retry("2", state, "{" + JsonSerializer.Serialize(ask.Name) + ":" + answer + "}", "model_says", "{}",
            """{"sampling":{}}"""));
        Assert.Equal("model: bonjour", Text(done));
    }

    [Fact]
    public async Task Answers_carry_over_rounds_and_only_the_missing_one_is_asked_again()
    {
        await using var host = await StartAsync();
        var (first, state) = await AskAsync(host, "full_name", "{}");
        Assert.Equal(["first", "last"], first.GetProperty("inputRequests").EnumerateObject().Select(p => p.Name).ToArray());

        var second = await host.SendModernAsync(Retry("2", state, "{\"first\":" + Accept("Ada") + "}", "full_name", "{}"));
        var again = second.Result;
        Assert.Equal("input_required", again.GetProperty("resultType").GetString());
        Assert.Equal(["last"], again.GetProperty("inputRequests").EnumerateObject().Select(p => p.Name).ToArray());
        var nextState = again.GetProperty("requestState").GetString()!;
        Assert.NotEqual(state, nextState);

        // Responses are per round: the third brings only "last", and "first" comes from the sealed state.
        var done = await host.SendModernAsync(Retry("3", nextState, "{\"last\":" + Accept("Lovelace") + "}", "full_name", "{}"));
        Assert.Equal("Ada Lovelace", Text(done));
    }

    [Fact]
    public async Task A_retry_with_the_wrong_key_is_asked_again_and_unknown_keys_are_ignored()
    {
        await using var host = await StartAsync();
        var (_, state) = await AskAsync(host);
        var wrong = await host.SendModernAsync(Retry("2", state, "{\"wrong_key\":" + Accept("Eve") + "}"));
        Assert.True(wrong.Status == HttpStatusCode.OK, wrong.Body);
        Assert.Equal("input_required", wrong.Result.GetProperty("resultType").GetString());
        Assert.Equal(["user_name"], wrong.Result.GetProperty("inputRequests").EnumerateObject().Select(p => p.Name).ToArray());

        var extra = await host.SendModernAsync(Retry("3", state, "{\"user_name\":" + Accept("Ada") + ",\"unrelated\":{\"x\":1},\"also\":null}"));
        Assert.Equal("Hello, Ada! (accept)", Text(extra));
    }

    public static TheoryData<string> Malformed => new()
    {
        "null",
        "[]",
        "\"user_name\"",
        "42",
        """{"user_name":12345}""",
        """{"user_name":null}""",
        """{"user_name":{"action":"maybe"}}""",
        """{"user_name":[]}""",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_input_responses_are_invalid_params_with_or_without_a_state(string responses)
    {
        await using var host = await StartAsync();
        var (_, state) = await AskAsync(host);
        AssertRefused(await host.SendModernAsync(Retry("2", state, responses)));
        AssertRefused(await host.SendModernAsync(Retry("2", null, responses)));
        // The server keeps serving, and the state still opens with a proper answer.
        Assert.Equal("Hello, Ada! (accept)", Text(await host.SendModernAsync(Retry("3", state, "{\"user_name\":" + Accept("Ada") + "}"))));
    }

    [Theory]
    [InlineData("suffix")]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("empty")]
    [InlineData("not-base64")]
    public async Task A_tampered_or_truncated_state_is_invalid_params(string how)
    {
        await using var host = await StartAsync();
        var (_, state) = await AskAsync(host);
        var middle = state.Length / 2;
        var changed = how switch
        {
            "suffix" => state + "-TAMPERED",
            "flip" => state[..middle] + (state[middle] == 'A' ? 'B' : 'A') + state[(middle + 1)..],
            "truncate" => state[..middle],
            "empty" => "",
            _ => "*** not a state ***",
        };
        var details = AssertRefused(await host.SendModernAsync(Retry("2", changed, "{\"user_name\":" + Accept("Ada") + "}")));
        Assert.Contains("requestState", details);
    }

    [Fact]
    public async Task A_state_expires_on_the_servers_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var host = await StartAsync(time);
        var (_, state) = await AskAsync(host);
        var retry = Retry("2", state, "{\"user_name\":" + Accept("Ada") + "}");

        time.Advance(host.Server.Options.RequestStateLifetime - TimeSpan.FromSeconds(1));
        Assert.Equal("Hello, Ada! (accept)", Text(await host.SendModernAsync(retry)));

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Contains("expired", AssertRefused(await host.SendModernAsync(retry)));
    }

    [Fact]
    public async Task A_state_opens_only_for_the_tool_and_the_arguments_it_was_issued_for()
    {
        await using var host = await StartAsync();
        var (_, state) = await AskAsync(host);
        var answer = "{\"user_name\":" + Accept("Ada") + "}";
        Assert.Contains("another request", AssertRefused(await host.SendModernAsync(Retry("2", state, answer, "full_name", "{}"))));
        Assert.Contains("another request", AssertRefused(await host.SendModernAsync(Retry("2", state, answer, "greet", """{"salutation":"Goodbye"}"""))));
        // The same arguments written differently are the same arguments.
        Assert.Equal("Hello, Ada! (accept)", Text(await host.SendModernAsync(Retry("3", state, answer, "greet", "{ \"salutation\" : \"Hello\" }"))));
    }

    [Fact]
    public async Task A_state_issued_to_one_user_is_refused_to_another()
    {
        await using var host = await McpTestHost.StartAsync(
            http => http.Authentication = new McpAuthenticationOptions
            {
                Schemes = { JwtBearerDefaults.AuthenticationScheme },
                ResourceMetadata = new ProtectedResourceMetadata { Resource = TestTokens.Resource, AuthorizationServers = { TestTokens.Issuer } },
            },
            mcp: b => b.AddTools<ModernTools>(),
            configure: builder => builder.Services.AddAuthentication().AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TestTokens.Issuer,
                    ValidAudience = TestTokens.Resource,
                    IssuerSigningKey = TestTokens.Key,
                };
            }));
        var alice = TestTokens.Create("alice");
        var bob = TestTokens.Create("bob");
        var (_, state) = await AskAsync(host, edit: h => h.Authorization = new AuthenticationHeaderValue("Bearer", alice));
        var retry = Retry("2", state, "{\"user_name\":" + Accept("Ada") + "}");

        Assert.Contains("another caller", AssertRefused(await host.SendModernAsync(retry, h => h.Authorization = new AuthenticationHeaderValue("Bearer", bob))));
        Assert.Equal("Hello, Ada! (accept)", Text(await host.SendModernAsync(retry, h => h.Authorization = new AuthenticationHeaderValue("Bearer", alice))));
        var anonymous = await host.SendModernAsync(retry);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
    }
}
