using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Cli.Client;
using McpForge.Cli.Protocol;

namespace McpForge.Cli.Doctor.Checks;

/// <summary>The handshake, the negotiated version and ping.</summary>
internal static class ProtocolChecks
{
    /// <summary>Runs initialize; returns its outcome so the transport checks can explain a failure.</summary>
    public static async Task<RpcOutcome> InitializeAsync(DoctorRun run, McpClient client, CancellationToken cancellationToken)
    {
        run.Progress("initialize");
        var outcome = await client.InitializeAsync(run.Options.ProtocolVersion, cancellationToken).ConfigureAwait(false);
        if (outcome.Result is not { ValueKind: JsonValueKind.Object } result)
        {
            run.Add(CheckResult.Fail(DoctorCatalog.ProtocolInitialize, "initialize failed: " + outcome.Problem));
            return outcome;
        }

        var missing = new[] { "protocolVersion", "capabilities", "serverInfo" }.Where(p => !result.TryGetProperty(p, out _)).ToArray();
        var name = client.ServerInfo is { ValueKind: JsonValueKind.Object } info && info.TryGetProperty("name", out var n) ? n.ToString() : "?";
        var version = client.ServerInfo is { ValueKind: JsonValueKind.Object } info2 && info2.TryGetProperty("version", out var v) ? v.ToString() : "?";
        run.Add(missing.Length == 0
            ? CheckResult.Pass(DoctorCatalog.ProtocolInitialize, $"server {name} {version} answered in {DoctorRun.Ms(outcome.Elapsed)}")
            : CheckResult.Fail(DoctorCatalog.ProtocolInitialize, "the initialize result lacks " + string.Join(", ", missing)));

        var asked = run.Options.ProtocolVersion;
        var answered = client.NegotiatedVersion;
        if (answered is null)
            run.Add(CheckResult.Fail(DoctorCatalog.ProtocolVersion, $"the client asked for {asked}; the server named no protocolVersion"));
        else if (answered == asked)
            run.Add(CheckResult.Pass(DoctorCatalog.ProtocolVersion, answered));
        else if (McpProtocol.KnownVersions.Contains(answered))
            run.Add(CheckResult.Warn(DoctorCatalog.ProtocolVersion, $"the client asked for {asked}, the server answered {answered} (an older revision: newer features are off)"));
        else
            run.Add(CheckResult.Fail(DoctorCatalog.ProtocolVersion, $"the client asked for {asked}, the server answered {answered}, which no current client speaks ({string.Join(", ", McpProtocol.KnownVersions)})"));
        return outcome;
    }

    public static async Task PingAsync(DoctorRun run, McpClient client, CancellationToken cancellationToken)
    {
        run.Progress("ping");
        // The first ping warms up the server's code path; the round trip reported is the best of a few.
        var best = TimeSpan.MaxValue;
        RpcOutcome? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await client.RequestAsync("ping", null, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!last.Succeeded) break;
            if (last.Elapsed < best) best = last.Elapsed;
        }
        if (last is null || !last.Succeeded)
            run.Add(CheckResult.Fail(DoctorCatalog.ProtocolPing, "ping failed: " + last?.Problem));
        else if (last.Result is not { ValueKind: JsonValueKind.Object } result || result.EnumerateObject().Any(p => p.Name != "_meta"))
            run.Add(CheckResult.Warn(DoctorCatalog.ProtocolPing, "ping answered with a non-empty result: " + last.Result?.GetRawText()));
        else
            run.Add(CheckResult.Pass(DoctorCatalog.ProtocolPing, "round trip " + DoctorRun.Ms(best)));
    }
}
