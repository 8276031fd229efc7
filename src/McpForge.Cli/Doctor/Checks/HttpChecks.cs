using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Cli.Client;

namespace McpForge.Cli.Doctor.Checks;

/// <summary>
/// The Streamable HTTP rules (MCP 2025-11-25, basic/transports and security): the endpoint, authorization, session
/// ids, the protocol version header, Origin validation, and a health endpoint beside the MCP one.
/// </summary>
internal static class HttpChecks
{
    private static readonly byte[] s_ping = "{\"jsonrpc\":\"2.0\",\"id\":\"mcpforge-doctor-http\",\"method\":\"ping\"}"u8.ToArray();

    /// <summary>Reads the endpoint and authorization verdicts off the answer to initialize.</summary>
    public static void CheckHandshake(DoctorRun run, HttpConnection http, RpcOutcome initialize, bool hadToken)
    {
        if (initialize.HttpStatus is { } failure)
        {
            var status = (int)failure.Status;
            if (failure.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                run.Add(CheckResult.Pass(DoctorCatalog.HttpEndpoint, $"the endpoint answered HTTP {status}"));
                run.Add(CheckResult.Fail(DoctorCatalog.HttpAuth, $"HTTP {status} {failure.Status}{(hadToken ? " with the token given" : " (no token given)")}"
                    + (failure.Challenge is null ? "; no WWW-Authenticate header" : "; WWW-Authenticate: " + failure.Challenge)));
            }
            else
            {
                run.Add(CheckResult.Fail(DoctorCatalog.HttpEndpoint, $"POST initialize was answered with HTTP {status} {failure.Status}"
                    + (failure.Status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed ? ": is this the MCP endpoint's path?" : "")));
                run.Add(CheckResult.Skip(DoctorCatalog.HttpAuth, "the endpoint did not answer"));
            }
            return;
        }
        if (initialize.Failure is not null && initialize.Result is null)
        {
            run.Add(CheckResult.Fail(DoctorCatalog.HttpEndpoint, initialize.Failure));
            run.Add(CheckResult.Skip(DoctorCatalog.HttpAuth, "the endpoint did not answer"));
            return;
        }
        run.Add(CheckResult.Pass(DoctorCatalog.HttpEndpoint, $"POST {http.Endpoint.AbsolutePath} answered initialize"));
        run.Add(CheckResult.Pass(DoctorCatalog.HttpAuth, hadToken ? "the token was accepted" : "no authorization required"));
    }

    public static async Task RunAsync(DoctorRun run, HttpConnection http)
    {
        var wait = run.Options.RequestTimeout;
        run.Progress("session handling");
        await CheckSessionAsync(run, http, wait).ConfigureAwait(false);

        run.Progress("MCP-Protocol-Version header");
        var badVersion = http.CreatePost(s_ping);
        badVersion.Headers.Remove("MCP-Protocol-Version");
        badVersion.Headers.TryAddWithoutValidation("MCP-Protocol-Version", "1999-01-01");
        var version = await http.SendRawAsync(badVersion, wait).ConfigureAwait(false);
        run.Add(version.Failure is not null ? CheckResult.Fail(DoctorCatalog.HttpProtocolHeader, version.Failure)
            : version.Status == HttpStatusCode.BadRequest ? CheckResult.Pass(DoctorCatalog.HttpProtocolHeader, "MCP-Protocol-Version: 1999-01-01 gave HTTP 400")
            : CheckResult.Fail(DoctorCatalog.HttpProtocolHeader, $"MCP-Protocol-Version: 1999-01-01 was answered with HTTP {(int)version.Status}, expected 400"));

        run.Progress("Origin validation");
        var foreign = http.CreatePost(s_ping);
        foreign.Headers.TryAddWithoutValidation("Origin", "http://mcpforge-doctor.invalid");
        var origin = await http.SendRawAsync(foreign, wait).ConfigureAwait(false);
        run.Add(origin.Failure is not null ? CheckResult.Fail(DoctorCatalog.HttpOrigin, origin.Failure)
            : origin.Status == HttpStatusCode.Forbidden ? CheckResult.Pass(DoctorCatalog.HttpOrigin, "Origin: http://mcpforge-doctor.invalid gave HTTP 403")
            : CheckResult.Fail(DoctorCatalog.HttpOrigin, $"Origin: http://mcpforge-doctor.invalid was answered with HTTP {(int)origin.Status}, expected 403: the server is open to DNS rebinding"));
    }

    private static async Task CheckSessionAsync(DoctorRun run, HttpConnection http, TimeSpan wait)
    {
        if (http.SessionId is not { } session)
        {
            run.Add(CheckResult.Pass(DoctorCatalog.HttpSession, "no Mcp-Session-Id: the server is stateless"));
            return;
        }
        if (session.Length == 0 || session.Any(c => c < 0x21 || c > 0x7E))
        {
            run.Add(CheckResult.Fail(DoctorCatalog.HttpSession, "the Mcp-Session-Id holds characters outside visible ASCII (0x21-0x7E)"));
            return;
        }
        var problems = new System.Collections.Generic.List<string>();
        var without = await http.SendRawAsync(http.CreatePost(s_ping, includeSession: false), wait).ConfigureAwait(false);
        if (without.Failure is not null) problems.Add("a request without the session id: " + without.Failure);
        else if (without.Status != HttpStatusCode.BadRequest) problems.Add($"a request without the session id was answered with HTTP {(int)without.Status}, expected 400");

        var unknownRequest = http.CreatePost(s_ping, includeSession: false);
        unknownRequest.Headers.TryAddWithoutValidation("Mcp-Session-Id", "mcpforge-doctor-unknown-session");
        var unknown = await http.SendRawAsync(unknownRequest, wait).ConfigureAwait(false);
        if (unknown.Failure is not null) problems.Add("an unknown session id: " + unknown.Failure);
        else if (unknown.Status != HttpStatusCode.NotFound) problems.Add($"an unknown session id was answered with HTTP {(int)unknown.Status}, expected 404");

        run.Add(problems.Count == 0
            ? CheckResult.Pass(DoctorCatalog.HttpSession, $"session id issued ({session.Length} characters); missing id gave 400, unknown id gave 404")
            : CheckResult.Fail(DoctorCatalog.HttpSession, string.Join("; ", problems)));
    }

    /// <summary>GET /health (the guide's health check); the resident memory it reports, if any, feeds the memory check.</summary>
    public static async Task<long?> CheckHealthAsync(DoctorRun run, HttpConnection http, bool record)
    {
        var answer = await http.GetAsync("/health", run.Options.RequestTimeout).ConfigureAwait(false);
        long? memory = null;
        if (answer.Failure is null && answer.Status == HttpStatusCode.OK) memory = MemoryOf(answer.Body);
        if (!record) return memory;

        if (answer.Failure is not null) run.Add(CheckResult.Warn(DoctorCatalog.HttpHealth, "GET /health: " + answer.Failure));
        else if (answer.Status == HttpStatusCode.NotFound) run.Add(CheckResult.Skip(DoctorCatalog.HttpHealth, "no health endpoint (GET /health gave 404)"));
        else if (answer.Status != HttpStatusCode.OK) run.Add(CheckResult.Warn(DoctorCatalog.HttpHealth, $"GET /health gave HTTP {(int)answer.Status}"));
        else run.Add(CheckResult.Pass(DoctorCatalog.HttpHealth, "GET /health gave 200" + (StatusOf(answer.Body) is { } status ? $", status \"{status}\"" : "")));
        return memory;
    }

    private static string? StatusOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(body));
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("status", out var status) ? status.ToString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The resident bytes a health body reports: <c>memory.rss</c>, <c>memory.workingSet</c> or a number <c>memory</c>.</summary>
    private static long? MemoryOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(body));
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("memory", out var memory)) return null;
            if (memory.ValueKind == JsonValueKind.Number) return memory.GetInt64();
            foreach (var name in new[] { "rss", "workingSet", "workingSetBytes", "residentBytes" })
            {
                if (memory.ValueKind == JsonValueKind.Object && memory.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number) return value.GetInt64();
            }
            return null;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }
}
