using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.AspNetCore.Authorization;
using McpForge.AspNetCore.Tests.Harness;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace McpForge.AspNetCore.Tests;

/// <summary>
/// The server as an OAuth 2.1 resource server (MCP 2025-11-25, "Authorization"): bearer tokens validated by ASP.NET
/// Core's JwtBearer handler, challenges, metadata, scopes per component, and sessions bound to their user.
/// </summary>
public sealed class AuthorizationTests
{
    private const string Initialize = """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""";

    private static Task<McpTestHost> StartAsync() => McpTestHost.StartAsync(
        http => http.Authentication = new McpAuthenticationOptions
        {
            Schemes = { JwtBearerDefaults.AuthenticationScheme },
            ResourceMetadata = new ProtectedResourceMetadata
            {
                Resource = TestTokens.Resource,
                AuthorizationServers = { TestTokens.Issuer },
                ScopesSupported = { "notes:read", "notes:write", "audit:read" },
                ResourceName = "Notes",
            },
        },
        mcp: b => b.AddTools<SecuredTools>().AddPrompts<SecuredPrompts>().AddResources<SecuredResources>(),
        configure: builder =>
        {
            builder.Services.AddAuthentication().AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TestTokens.Issuer,
                    ValidAudience = TestTokens.Resource,     // RFC 8707: tokens for this server only
                    IssuerSigningKey = TestTokens.Key,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
            builder.Services.AddAuthorization(o => o.AddPolicy("admins", p => p.RequireClaim("role", "admin")));
        });

    private static HttpRequestMessage WithToken(HttpRequestMessage request, string? token)
    {
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<string> InitializeAsync(McpTestHost host, string token)
    {
        using var response = await host.SendAsync(WithToken(host.Post(Initialize), token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Mcp-Session-Id").Single();
    }

    private static async Task<(HttpStatusCode Status, string Challenge, string Body)> SendAsync(McpTestHost host, HttpRequestMessage request)
    {
        using (request)
        using (var response = await host.SendAsync(request))
        {
            var challenge = response.Headers.TryGetValues("WWW-Authenticate", out var values) ? string.Join(", ", values) : "";
            return (response.StatusCode, challenge, await response.Content.ReadAsStringAsync());
        }
    }

    private static string Metadata(McpTestHost host) => $"http://127.0.0.1:{host.Endpoint.Port}/.well-known/oauth-protected-resource/mcp";

    [Fact]
    public async Task Without_a_token_the_challenge_points_at_the_metadata_and_names_no_error()
    {
        await using var host = await StartAsync();
        var (status, challenge, body) = await SendAsync(host, host.Post(Initialize));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal($"Bearer resource_metadata=\"{Metadata(host)}\"", challenge);
        Assert.Equal(
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request\",\"data\":{\"details\":\"Authentication is required; the metadata at " + Metadata(host) + " names the authorization server.\"}}}",
            body);
    }

    [Fact]
    public async Task The_metadata_document_lists_the_resource_its_authorization_servers_and_scopes_at_both_well_known_paths()
    {
        await using var host = await StartAsync();
        foreach (var path in new[] { "/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource" })
        {
            using var response = await host.Client.GetAsync(new Uri(host.Endpoint, path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(
                """{"resource":"http://mcp.test/mcp","authorization_servers":["https://issuer.test"],"scopes_supported":["notes:read","notes:write","audit:read"],"bearer_methods_supported":["header"],"resource_name":"Notes"}""",
                await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_valid_token_is_served_and_the_tool_sees_its_claims()
    {
        await using var host = await StartAsync();
        var token = TestTokens.Create(subject: "alice", scope: "notes:read");
        var session = await InitializeAsync(host, token);
        var (status, _, body) = await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"whoami","arguments":{}}}""", session), token));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"alice with notes:read"}]}}""", body);
        Assert.DoesNotContain(token, body);
    }

    /// <summary>Tokens are made when the test runs: theory data may be enumerated in another process, with other keys.</summary>
    private static string Token(string what) => what switch
    {
        "expired" => TestTokens.Create(expires: DateTime.UtcNow.AddMinutes(-5), notBefore: DateTime.UtcNow.AddMinutes(-10)),
        "not yet valid" => TestTokens.Create(notBefore: DateTime.UtcNow.AddMinutes(5), expires: DateTime.UtcNow.AddMinutes(10)),
        "wrong issuer" => TestTokens.Create(issuer: "https://evil.test"),
        "wrong audience" => TestTokens.Create(audience: "http://other.test/mcp"),
        "bad signature" => TestTokens.Create(key: TestTokens.OtherKey),
        "alg none" => TestTokens.Unsigned(),
        _ => "not-a-token",
    };

    [Theory]
    [InlineData("expired", "IDX10223: Lifetime validation failed. The token is expired.")]
    [InlineData("not yet valid", "IDX10222: Lifetime validation failed. The token is not yet valid.")]
    [InlineData("wrong issuer", "IDX10205: Issuer validation failed.")]
    [InlineData("wrong audience", "IDX10214: Audience validation failed.")]
    [InlineData("bad signature", "IDX10511: Signature validation failed.")]
    [InlineData("alg none", "IDX10504: Unable to validate signature, token does not have a signature")]
    [InlineData("not a jwt", "IDX14100: JWT is not well formed")]
    public async Task A_refused_token_gets_401_invalid_token_with_the_reason_and_never_echoes_the_token(string what, string reason)
    {
        await using var host = await StartAsync();
        var token = Token(what);
        var (status, challenge, body) = await SendAsync(host, WithToken(host.Post(Initialize), token));
        Assert.True(status == HttpStatusCode.Unauthorized, what);
        Assert.StartsWith("Bearer error=\"invalid_token\", error_description=\"" + reason, challenge);
        Assert.EndsWith($"resource_metadata=\"{Metadata(host)}\"", challenge);
        Assert.StartsWith("""{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"details":"The access token was refused: """ + reason, body);
        Assert.DoesNotContain(token, challenge + body);
    }

    [Fact]
    public async Task A_tool_the_token_lacks_a_scope_for_is_hidden_and_refused_with_insufficient_scope_while_others_work()
    {
        await using var host = await StartAsync();
        var token = TestTokens.Create(scope: "notes:read");
        var session = await InitializeAsync(host, token);
        var list = JsonDocument.Parse((await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", session), token))).Body).RootElement;
        var names = list.GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToArray();
        Assert.Contains("read_note", names);
        Assert.Contains("whoami", names);
        Assert.DoesNotContain("delete_note", names);

        var (status, challenge, body) = await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"delete_note","arguments":{"id":"7"}}}""", session), token));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Bearer error=\"insufficient_scope\", error_description=\"The tool 'delete_note' needs the scope 'notes:write', which the access token does not grant.\", scope=\"notes:write\", resource_metadata=\"{Metadata(host)}\"", challenge);
        Assert.Equal("""{"jsonrpc":"2.0","id":2,"error":{"code":-32003,"message":"Forbidden","data":{"details":"The tool 'delete_note' needs the scope 'notes:write', which the access token does not grant."}}}""", body);

        var (readStatus, _, read) = await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"read_note","arguments":{"id":"7"}}}""", session), token));
        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Contains("note 7", read);

        var writer = TestTokens.Create(subject: "alice", scope: "notes:read notes:write");
        var (deleted, _, answer) = await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"delete_note","arguments":{"id":"7"}}}""", session), writer));
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Contains("deleted 7", answer);
    }

    [Fact]
    public async Task Resources_and_prompts_are_filtered_by_scope_and_policy()
    {
        await using var host = await StartAsync();
        var reader = TestTokens.Create(scope: "notes:read");
        var session = await InitializeAsync(host, reader);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"resources":[{"uri":"notes://one","name":"one","description":"A note.","mimeType":"text/plain"}]}}""",
            (await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":1,"method":"resources/list"}""", session), reader))).Body);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"audit://log"}}""", session), reader))).Status);
        Assert.Equal("""{"jsonrpc":"2.0","id":3,"result":{"prompts":[]}}""",
            (await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":3,"method":"prompts/list"}""", session), reader))).Body);
        var (refused, challenge, _) = await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":4,"method":"prompts/get","params":{"name":"admin_checklist"}}""", session), reader));
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("", challenge); // a policy, not a scope: there is nothing to ask the authorization server for

        var admin = TestTokens.Create(scope: "audit:read", claims: new System.Collections.Generic.Dictionary<string, object> { ["role"] = "admin" });
        Assert.Contains("admin_checklist", (await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":5,"method":"prompts/list"}""", session), admin))).Body);
        Assert.Contains("nothing happened", (await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":6,"method":"resources/read","params":{"uri":"audit://log"}}""", session), admin))).Body);
    }

    [Fact]
    public async Task A_session_id_used_with_another_users_token_is_refused()
    {
        await using var host = await StartAsync();
        var alice = TestTokens.Create(subject: "alice");
        var session = await InitializeAsync(host, alice);
        var (status, _, body) = await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", session), TestTokens.Create(subject: "bob")));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"jsonrpc":"2.0","id":null,"error":{"code":-32003,"message":"Forbidden","data":{"details":"The session was opened by another user; start one of your own with initialize."}}}""", body);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":2,"method":"ping"}""", session), alice))).Status);
    }

    [Fact]
    public async Task Keys_come_from_the_authorization_servers_jwks_and_tokens_never_reach_the_log()
    {
        // A stand-in authorization server on loopback: OpenID discovery and its JWKS, as the bearer handler fetches them.
        var issuerApp = WebApplication.CreateSlimBuilder();
        issuerApp.Logging.ClearProviders(); // its console log would go to this process's stdout, the test runner's channel
        issuerApp.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        await using var issuer = issuerApp.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(TestTokens.Key.Rsa.ExportParameters(false)) { KeyId = TestTokens.Key.KeyId });
        string Discovery(Microsoft.AspNetCore.Http.HttpContext c) =>
            $$"""{"issuer":"{{TestTokens.Issuer}}","jwks_uri":"http://{{c.Request.Host}}/jwks"}""";
        issuer.MapGet("/.well-known/openid-configuration", (Microsoft.AspNetCore.Http.HttpContext c) => Microsoft.AspNetCore.Http.Results.Text(Discovery(c), "application/json"));
        issuer.MapGet("/jwks", () => Microsoft.AspNetCore.Http.Results.Text(
            $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"{{jwk.Kid}}","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""", "application/json"));
        await issuer.StartAsync();
        var authority = issuer.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();

        var log = new CapturingLoggerProvider();
        await using var host = await McpTestHost.StartAsync(
            http => http.Authentication = new McpAuthenticationOptions { Schemes = { JwtBearerDefaults.AuthenticationScheme } },
            mcp: b => b.AddTools<SecuredTools>(),
            configure: builder =>
            {
                builder.Logging.AddProvider(log);
                builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace);
                builder.Services.AddAuthentication().AddJwtBearer(o =>
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = false; // loopback test issuer only
                o.MapInboundClaims = false;
                o.TokenValidationParameters.ValidAudience = TestTokens.Resource;
                o.TokenValidationParameters.ValidIssuer = TestTokens.Issuer;
            });
            });
        var token = TestTokens.Create(subject: "jwks-user", scope: "notes:read");
        var session = await InitializeAsync(host, token);
        var (status, _, body) = await SendAsync(host, WithToken(host.Post("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"whoami","arguments":{}}}""", session), token));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("jwks-user with notes:read", body);
        var forged = TestTokens.Create(key: TestTokens.OtherKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(host, WithToken(host.Post(Initialize), forged))).Status);
        var text = log.Text;
        Assert.Contains("Session started over tcp", text);           // McpForge's own events are captured here ...
        Assert.Contains("Bearer was not authenticated", text);        // ... and so is the handler's refusal
        Assert.DoesNotContain(token, text);
        Assert.DoesNotContain(forged, text);
        Assert.DoesNotContain(token[^20..], text);                    // not even the signature
        await issuer.StopAsync();
    }
}
