using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using McpForge.Cli.Tests.Infrastructure;

namespace McpForge.Cli.Tests;

/// <summary>
/// <c>mcpforge doctor --url</c> against a Streamable HTTP server on the official TypeScript SDK (tests/client-ts/http-server.mjs),
/// on 127.0.0.1: the transport rules, Origin, sessions, health, bearer tokens and TLS.
/// </summary>
public sealed class DoctorHttpTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_TypeScript_SDK_server_passes_the_transport_checks_and_its_one_error_code_mistake_is_reported()
    {
        await using var server = await NodeHttpServer.StartAsync();
        var result = await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--url", server.Url);
        var report = DoctorJson.Parse(result);

        Assert.Equal("http", report.Root.GetProperty("transport").GetString());
        foreach (var id in new[] { "http.endpoint", "http.auth", "http.session", "http.protocol-header", "http.origin", "http.health",
                     "protocol.initialize", "protocol.version", "protocol.ping", "list.tools", "tools.names", "tools.descriptions",
                     "errors.unknown-method", "errors.parse-error", "limits.response-size", "limits.latency", "process.memory" })
        {
            Assert.True(report.Status(id) == "passed", $"{id}: {report.Status(id)}\n{report}");
        }
        Assert.Equal("session id issued (36 characters); missing id gave 400, unknown id gave 404", report.Detail("http.session"));
        Assert.Equal("MCP-Protocol-Version: 1999-01-01 gave HTTP 400", report.Detail("http.protocol-header"));
        Assert.Equal("Origin: http://mcpforge-doctor.invalid gave HTTP 403", report.Detail("http.origin"));
        Assert.Equal("GET /health gave 200, status \"healthy\"", report.Detail("http.health"));
        Assert.Equal("malformed JSON gave HTTP 400 and -32700 (Parse error)", report.Detail("errors.parse-error"));
        // The SDK answers a JSON object without a method as a parse error; the doctor says so.
        Assert.Equal("failed", report.Status("errors.invalid-request"));
        Assert.Equal("a request without a method was answered with HTTP 400 and -32700 (Parse error), expected -32600 (Invalid Request)", report.Detail("errors.invalid-request"));
        Assert.Equal("not an https URL", report.Detail("http.tls"));
        Assert.Equal("no --token given", report.Detail("http.token"));
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_server_that_accepts_any_Origin_fails_the_origin_check()
    {
        await using var server = await NodeHttpServer.StartAsync("--no-origin-check", "--no-health");
        var report = DoctorJson.Parse(await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--url", server.Url));
        Assert.Equal("failed", report.Status("http.origin"));
        Assert.Equal("Origin: http://mcpforge-doctor.invalid was answered with HTTP 200, expected 403: the server is open to DNS rebinding", report.Detail("http.origin"));
        Assert.Equal("skipped", report.Status("http.health"));
        Assert.Equal("no health endpoint (GET /health gave 404)", report.Detail("http.health"));
    }

    [Fact]
    public async Task A_missing_token_is_a_401_with_its_challenge_and_a_JWT_is_decoded_but_never_printed()
    {
        var now = DateTimeOffset.UtcNow;
        var jwt = Jwt($$"""{"iss":"https://auth.example.test","aud":"http://127.0.0.1","sub":"tester","exp":{{now.AddHours(5).ToUnixTimeSeconds()}}}""");
        await using var server = await NodeHttpServer.StartAsync("--token", jwt);

        var without = DoctorJson.Parse(await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--url", server.Url));
        Assert.Equal("passed", without.Status("http.endpoint"));
        Assert.Equal("failed", without.Status("http.auth"));
        Assert.Equal($"HTTP 401 Unauthorized (no token given); WWW-Authenticate: Bearer resource_metadata=\"{Origin(server.Url)}/.well-known/oauth-protected-resource\"",
            without.Detail("http.auth"));
        Assert.Equal("skipped", without.Status("list.tools"));

        var result = await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--url", server.Url, "--token", jwt);
        var with = DoctorJson.Parse(result);
        Assert.Equal("passed", with.Status("http.auth"));
        Assert.Equal("the token was accepted", with.Detail("http.auth"));
        // The audience names http://127.0.0.1 without the port, so it does not name this server.
        Assert.Equal("warned", with.Status("http.token"));
        Assert.Matches(@"^the audience does not name http://127\.0\.0\.1:\d+: JWT RS256, issuer https://auth\.example\.test, audience http://127\.0\.0\.1, expires \S+Z \(in (4|5) hours\)$",
            with.Detail("http.token"));
        Assert.DoesNotContain(jwt.Split('.')[1], result.Stdout + result.Stderr);
        Assert.DoesNotContain(jwt.Split('.')[2], result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task An_expired_JWT_fails_the_token_check()
    {
        var expired = Jwt($$"""{"iss":"https://auth.example.test","aud":"http://127.0.0.1:1","exp":{{DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeSeconds()}}}""");
        await using var server = await NodeHttpServer.StartAsync("--token", expired);
        var report = DoctorJson.Parse(await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--url", server.Url, "--token", expired));
        Assert.Equal("failed", report.Status("http.token"));
        Assert.StartsWith("expired: JWT RS256, issuer https://auth.example.test, audience http://127.0.0.1:1, expires ", report.Detail("http.token"));
        Assert.EndsWith("(3 days ago)", report.Detail("http.token"));
    }

    [Fact]
    public async Task A_self_signed_certificate_fails_the_TLS_check_with_its_expiry_and_insecure_runs_the_rest()
    {
        var folder = Repo.TempFolder("mcpforge-tls");
        try
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=mcpforge-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(folder, "key.pem"), rsa.ExportPkcs8PrivateKeyPem());

            await using var server = await NodeHttpServer.StartAsync("--tls", Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
            Assert.StartsWith("https://127.0.0.1:", server.Url);

            var strict = DoctorJson.Parse(await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--url", server.Url));
            Assert.Equal("failed", strict.Status("http.tls"));
            Assert.Matches(@"^mcpforge-test issued by mcpforge-test is not trusted here \(chain errors: [A-Za-z, ]+\); expires \d{4}-\d\d-\d\d, in (29|30) days$", strict.Detail("http.tls"));
            Assert.Equal("failed", strict.Status("http.endpoint"));

            var insecure = DoctorJson.Parse(await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--insecure", "--url", server.Url));
            Assert.Equal("failed", insecure.Status("http.tls"));
            Assert.Equal("passed", insecure.Status("protocol.initialize"));
            Assert.Equal("passed", insecure.Status("list.tools"));
        }
        finally
        {
            Repo.DeleteQuietly(folder);
        }
    }

    private static string Jwt(string payload) =>
        Base64Url("""{"alg":"RS256","typ":"JWT"}""") + "." + Base64Url(payload) + "." + Base64Url("not-a-real-signature");

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Origin(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);
}
