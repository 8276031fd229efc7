using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Cli.Client;
using McpForge.Cli.Protocol;

namespace McpForge.Cli.Doctor.Checks;

/// <summary>
/// Error-format compliance (the seed's JSON-RPC error format and MCP 2025-11-25): an unknown method must give
/// -32601, unparseable JSON -32700 with id null, an object that is no request -32600; the server must keep serving.
/// </summary>
internal static class ErrorChecks
{
    private const string UnknownMethod = "mcpforge/doctor-unknown-method";
    private static readonly byte[] s_malformed = "{\"jsonrpc\":\"2.0\",\"id\":9001,\"method\":\"ping\""u8.ToArray();
    private static readonly byte[] s_noMethod = "{\"jsonrpc\":\"2.0\",\"id\":\"mcpforge-doctor-invalid\",\"params\":{}}"u8.ToArray();

    public static async Task RunAsync(DoctorRun run, McpClient client, CancellationToken cancellationToken)
    {
        run.Progress("error format");
        var unknown = await client.RequestAsync(UnknownMethod, "{}", cancellationToken: cancellationToken).ConfigureAwait(false);
        run.Add(Expect(DoctorCatalog.ErrorUnknownMethod, $"'{UnknownMethod}'", unknown, McpProtocol.MethodNotFound));

        if (client.Connection is HttpConnection http)
        {
            run.Add(await ExpectOverHttpAsync(run, http, DoctorCatalog.ErrorParse, "malformed JSON", s_malformed, McpProtocol.ParseError).ConfigureAwait(false));
            run.Add(await ExpectOverHttpAsync(run, http, DoctorCatalog.ErrorInvalidRequest, "a request without a method", s_noMethod, McpProtocol.InvalidRequest).ConfigureAwait(false));
        }
        else
        {
            var parse = await client.SendRawAsync("malformed JSON", s_malformed, "9001", run.Options.ErrorWait, cancellationToken).ConfigureAwait(false);
            run.Add(await StillServingAsync(client, Expect(DoctorCatalog.ErrorParse, "a line of malformed JSON", parse, McpProtocol.ParseError), cancellationToken).ConfigureAwait(false));
            var invalid = await client.SendRawAsync("no method", s_noMethod, "\"mcpforge-doctor-invalid\"", run.Options.ErrorWait, cancellationToken).ConfigureAwait(false);
            run.Add(await StillServingAsync(client, Expect(DoctorCatalog.ErrorInvalidRequest, "a request without a method", invalid, McpProtocol.InvalidRequest), cancellationToken).ConfigureAwait(false));
        }
    }

    private static CheckResult Expect(CheckDefinition check, string what, RpcOutcome outcome, int expected)
    {
        if (outcome.Error is { } error)
        {
            if (error.Code != expected)
                return CheckResult.Fail(check, $"{what} was answered with {McpProtocol.DescribeError(error.Code)}, expected {McpProtocol.DescribeError(expected)}");
            if (expected == McpProtocol.ParseError && outcome.ResponseId is not null and not "null")
                return CheckResult.Warn(check, $"{what} gave {McpProtocol.DescribeError(expected)} but with id {outcome.ResponseId}; an unparseable message has id null");
            return CheckResult.Pass(check, $"{what} gave {McpProtocol.DescribeError(expected)}" + (string.IsNullOrEmpty(error.Message) ? " (with no message)" : ""));
        }
        if (outcome.Result is not null) return CheckResult.Fail(check, $"{what} was answered with a result, expected error {McpProtocol.DescribeError(expected)}");
        return CheckResult.Fail(check, $"{what} got no answer ({outcome.Problem}), expected error {McpProtocol.DescribeError(expected)}");
    }

    /// <summary>A server that stops answering after bad input fails the check whatever it answered.</summary>
    private static async Task<CheckResult> StillServingAsync(McpClient client, CheckResult result, CancellationToken cancellationToken)
    {
        var ping = await client.RequestAsync("ping", null, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ping.Succeeded ? result : CheckResult.Fail(result.Check, result.Detail + "; then the server stopped answering (" + ping.Problem + ")");
    }

    /// <summary>Over HTTP an unacceptable body must get a 4xx status; the body may carry the JSON-RPC error.</summary>
    private static async Task<CheckResult> ExpectOverHttpAsync(DoctorRun run, HttpConnection http, CheckDefinition check, string what, byte[] body, int expected)
    {
        var answer = await http.SendRawAsync(http.CreatePost(body), run.Options.ErrorWait + run.Options.RequestTimeout).ConfigureAwait(false);
        if (answer.Failure is not null) return CheckResult.Fail(check, $"{what} got no answer: {answer.Failure}");
        int? code = null;
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(answer.Body));
            if (document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n)) code = n;
        }
        catch (JsonException)
        {
        }
        var status = (int)answer.Status;
        if (code is { } got && got != expected)
            return CheckResult.Fail(check, $"{what} was answered with HTTP {status} and {McpProtocol.DescribeError(got)}, expected {McpProtocol.DescribeError(expected)}");
        if (status is >= 400 and < 500)
            return CheckResult.Pass(check, $"{what} gave HTTP {status}" + (code is null ? " (no JSON-RPC error in the body)" : $" and {McpProtocol.DescribeError(expected)}"));
        if (answer.Status == HttpStatusCode.OK && code == expected)
            return CheckResult.Warn(check, $"{what} gave {McpProtocol.DescribeError(expected)} but with HTTP 200; the transport asks for a 4xx status");
        return CheckResult.Fail(check, $"{what} was answered with HTTP {status}, expected 400 and error {McpProtocol.DescribeError(expected)}");
    }
}
