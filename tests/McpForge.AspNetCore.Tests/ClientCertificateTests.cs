using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using McpForge.AspNetCore.Authorization;
using McpForge.AspNetCore.Tests.Harness;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace McpForge.AspNetCore.Tests;

/// <summary>Mutual TLS: Kestrel takes the client certificate, McpForge's scheme checks it and says why it refuses one.</summary>
public sealed class ClientCertificateTests
{
    private static readonly X509Certificate2 s_ca = TestCertificates.CertificateAuthority("McpForge Test CA");
    private static readonly X509Certificate2 s_otherCa = TestCertificates.CertificateAuthority("Some Other CA");
    private static readonly X509Certificate2 s_server = TestCertificates.Server();

    private static Task<McpTestHost> StartAsync() => McpTestHost.StartAsync(
        http => http.Authentication = new McpAuthenticationOptions { Schemes = { McpClientCertificateOptions.Scheme } },
        mcp: b => b.AddTools<SecuredTools>(),
        https: true,
        configure: builder =>
        {
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(s_server, https =>
            {
                // The handshake takes any certificate; the scheme decides, so a refusal has a reason instead of a TLS alert.
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            })));
            builder.Services.AddAuthentication().AddMcpClientCertificate(o => o.TrustedCertificateAuthorities.Add(s_ca));
        });

    private static HttpClient ClientWith(McpTestHost host, X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, server, _, _) => server?.GetCertHashString() == s_server.GetCertHashString(),
                ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
            },
        };
        return host.NewClient(handler);
    }

    private static async Task<(HttpStatusCode Status, string Body, string? Session)> CallAsync(McpTestHost host, X509Certificate2? certificate)
    {
        using var client = ClientWith(host, certificate);
        using var initialize = host.Post("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""");
        using var response = await client.SendAsync(initialize);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Headers.TryGetValues("Mcp-Session-Id", out var ids) ? string.Join("", ids) : null);
    }

    [Fact]
    public async Task A_certificate_from_the_trusted_ca_is_the_caller()
    {
        await using var host = await StartAsync();
        var certificate = TestCertificates.Client("agent-7", s_ca);
        var (status, body, session) = await CallAsync(host, certificate);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"serverInfo\"", body);
        using var client = ClientWith(host, certificate);
        using var whoami = await client.SendAsync(host.Post("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"whoami","arguments":{}}}""", session));
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"agent-7 with "}]}}""", await whoami.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("none", "No client certificate was presented; this server requires one (mutual TLS).")]
    [InlineData("expired", "The client certificate 'old-agent' expired on ")]
    [InlineData("not yet valid", "The client certificate 'early-agent' is not valid before ")]
    [InlineData("self-signed", "The client certificate 'lone-agent' is self-signed, and not one of the trusted certificate authorities.")]
    [InlineData("wrong CA", "The client certificate 'stranger' was not issued by a trusted certificate authority (issuer 'Some Other CA').")]
    public async Task A_refused_certificate_gets_401_saying_why(string what, string reason)
    {
        var certificate = what switch
        {
            "expired" => TestCertificates.Client("old-agent", s_ca, DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1)),
            "not yet valid" => TestCertificates.Client("early-agent", s_ca, DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddDays(30)),
            "self-signed" => TestCertificates.Client("lone-agent", null),
            "wrong CA" => TestCertificates.Client("stranger", s_otherCa),
            _ => null,
        };
        await using var host = await StartAsync();
        var (status, body, _) = await CallAsync(host, certificate);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("\"details\":\"" + reason, body);
    }
}
