using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Cli.Client;
using McpForge.Cli.Doctor.Checks;

namespace McpForge.Cli.Doctor;

/// <summary>Runs every check that applies to one server, in the order a person would, and collects the report.</summary>
internal static class DoctorRunner
{
    private static readonly CheckDefinition[] s_sessionChecks =
    [
        DoctorCatalog.ProtocolInitialize, DoctorCatalog.ProtocolVersion, DoctorCatalog.ProtocolPing,
        DoctorCatalog.ListTools, DoctorCatalog.ListResources, DoctorCatalog.ListResourceTemplates, DoctorCatalog.ListPrompts,
        DoctorCatalog.ToolNames, DoctorCatalog.ToolDescriptions, DoctorCatalog.ToolInputSchemas, DoctorCatalog.ToolOutputSchemas, DoctorCatalog.DuplicateNames,
        DoctorCatalog.ErrorUnknownMethod, DoctorCatalog.ErrorParse, DoctorCatalog.ErrorInvalidRequest,
        DoctorCatalog.LimitsResponseSize, DoctorCatalog.LimitsLatency, DoctorCatalog.Memory,
    ];

    public static async Task<DoctorReport> RunStdioAsync(IReadOnlyList<string> command, DoctorOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var run = new DoctorRun(options, progress);
        var connection = StdioChecks.Start(run, command);
        if (connection is null)
        {
            run.SkipRemaining([DoctorCatalog.StdioStarts, DoctorCatalog.StdioStdout, .. s_sessionChecks], "the server did not start");
            return Report(run, "stdio", string.Join(' ', command), null, watch);
        }

        await using var client = new McpClient(connection, options.RequestTimeout);
        var initialize = await ProtocolChecks.InitializeAsync(run, client, cancellationToken).ConfigureAwait(false);
        await StdioChecks.CheckRunningAsync(run, client, connection, initialize, options.RequestTimeout).ConfigureAwait(false);
        if (initialize.Succeeded)
        {
            var before = ProcessMemory.ResidentBytes(connection.ProcessId);
            await RunSessionChecksAsync(run, client, cancellationToken).ConfigureAwait(false);
            var after = connection.HasExited ? null : ProcessMemory.ResidentBytes(connection.ProcessId);
            LimitChecks.CheckMemory(run, before, after);
            await StdioChecks.CheckStillRunningAsync(run, connection, options.RequestTimeout).ConfigureAwait(false);
        }
        StdioChecks.CheckStdout(run, client);
        run.SkipRemaining(s_sessionChecks, "the initialize handshake failed");
        return Report(run, "stdio", string.Join(' ', command), client, watch);
    }

    public static async Task<DoctorReport> RunHttpAsync(Uri endpoint, IReadOnlyList<KeyValuePair<string, string>> headers, string? token,
        DoctorOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var run = new DoctorRun(options, progress);
        await TlsCheck.RunAsync(run, endpoint, cancellationToken).ConfigureAwait(false);
        TokenCheck.Run(run, token, endpoint);

        var allHeaders = token is null ? headers : [.. headers, new("Authorization", "Bearer " + token)];
        var connection = new HttpConnection(endpoint, allHeaders, options.Insecure, options.RequestTimeout);
        await using var client = new McpClient(connection, options.RequestTimeout);
        var initialize = await ProtocolChecks.InitializeAsync(run, client, cancellationToken).ConfigureAwait(false);
        HttpChecks.CheckHandshake(run, connection, initialize, token is not null);
        if (initialize.Succeeded)
        {
            run.Progress("GET /health");
            var before = await HttpChecks.CheckHealthAsync(run, connection, record: true).ConfigureAwait(false);
            await HttpChecks.RunAsync(run, connection).ConfigureAwait(false);
            await RunSessionChecksAsync(run, client, cancellationToken).ConfigureAwait(false);
            var after = before is null ? null : await HttpChecks.CheckHealthAsync(run, connection, record: false).ConfigureAwait(false);
            if (before is null || after is null) run.Add(CheckResult.Skip(DoctorCatalog.Memory, "the server runs elsewhere and its health endpoint reports no memory"));
            else LimitChecks.CheckMemory(run, before, after);
        }
        run.SkipRemaining([DoctorCatalog.HttpSession, DoctorCatalog.HttpProtocolHeader, DoctorCatalog.HttpOrigin, DoctorCatalog.HttpHealth, .. s_sessionChecks],
            "the initialize handshake failed");
        return Report(run, "http", endpoint.ToString(), client, watch);
    }

    private static async Task RunSessionChecksAsync(DoctorRun run, McpClient client, CancellationToken cancellationToken)
    {
        await ProtocolChecks.PingAsync(run, client, cancellationToken).ConfigureAwait(false);
        await ListingChecks.RunAsync(run, client, cancellationToken).ConfigureAwait(false);
        await ErrorChecks.RunAsync(run, client, cancellationToken).ConfigureAwait(false);
        LimitChecks.Run(run, client);
    }

    private static DoctorReport Report(DoctorRun run, string transport, string target, McpClient? client, Stopwatch watch)
    {
        string? Info(string name) => client?.ServerInfo is { ValueKind: JsonValueKind.Object } info && info.TryGetProperty(name, out var value) ? value.ToString() : null;
        return new DoctorReport(target, transport, Info("name"), Info("version"), client?.NegotiatedVersion, run.Results(), watch.Elapsed.TotalMilliseconds);
    }
}
