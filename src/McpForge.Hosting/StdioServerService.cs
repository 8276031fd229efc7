using System;
using System.Threading;
using System.Threading.Tasks;
using McpForge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpForge.Hosting;

/// <summary>
/// The hosted service <c>AddMcpStdioTransport</c> adds: runs <see cref="McpServer.RunStdioAsync"/> with the host's
/// stopping token, and stops the host when the client closes standard input.
/// </summary>
internal sealed partial class StdioServerService(
    IServiceProvider services, IHostApplicationLifetime lifetime, IOptions<HostOptions> hostOptions, ILogger<StdioServerService> logger)
    : BackgroundService
{
    /// <summary>
    /// What the host's shutdown timeout must exceed the server's by: once <see cref="McpServerOptions.ShutdownTimeout"/>
    /// passes, the transport cancels what is left and gives it a second more, then writes out the last answers.
    /// </summary>
    internal static readonly TimeSpan DrainMargin = TimeSpan.FromSeconds(5);

    private McpServer? _server;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Built here, not in the constructor: the host has validated the options by now, and a failure to build (two
        // tools of one name) stops the start-up like any other hosted service's.
        _server = services.GetRequiredService<McpServer>();
        LeaveRoomToDrain(_server.Options.ShutdownTimeout);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var server = _server!;
        LogServing(logger, server.Name, server.Version);
        // On stoppingToken (SIGTERM, Ctrl+C, StopApplication) this stops reading, drains the calls in progress within
        // ShutdownTimeout and returns; at the end of input it answers what it has read and returns.
        await server.RunStdioAsync(stoppingToken).ConfigureAwait(false);
        if (!stoppingToken.IsCancellationRequested)
        {
            LogInputClosed(logger);
            lifetime.StopApplication();
        }
    }

    /// <summary>
    /// The host gives hosted services <c>HostOptions.ShutdownTimeout</c> (30 s by default) to stop, then moves on and the
    /// process exits: with the server's own 30 s drain that would cut calls off before they were answered or cancelled.
    /// The host reads the timeout when it stops, so raising it here, once the server's final options are known (code
    /// may change them after configuration was bound), still counts.
    /// </summary>
    internal void LeaveRoomToDrain(TimeSpan? drain)
    {
        var host = hostOptions.Value;
        if (host.ShutdownTimeout == Timeout.InfiniteTimeSpan) return;
        var needed = drain is TimeSpan grace ? grace + DrainMargin : Timeout.InfiniteTimeSpan;
        if (needed != Timeout.InfiniteTimeSpan && host.ShutdownTimeout >= needed) return;
        LogShutdownTimeoutRaised(logger, host.ShutdownTimeout, needed);
        host.ShutdownTimeout = needed;
    }

    [LoggerMessage(1, LogLevel.Information, "Serving MCP server {Name} {Version} over stdio")]
    private static partial void LogServing(ILogger logger, string name, string version);

    [LoggerMessage(2, LogLevel.Information, "Standard input closed: stopping the host")]
    private static partial void LogInputClosed(ILogger logger);

    [LoggerMessage(3, LogLevel.Debug, "HostOptions.ShutdownTimeout raised from {Configured} to {Needed}, so calls can drain within McpForge:ShutdownTimeout")]
    private static partial void LogShutdownTimeoutRaised(ILogger logger, TimeSpan configured, TimeSpan needed);
}
