using System;
using McpForge.Protocol;
using Microsoft.Extensions.Logging;

namespace McpForge.Server;

/// <summary>
/// An <see cref="ILogger"/> that sends its entries to MCP clients as <c>notifications/message</c>: with one request (at
/// the levels its client wants), or to every session of a server, each filtered at the level its client set.
/// </summary>
internal sealed class ClientLogger : ILogger
{
    private readonly McpCall? _call;
    private readonly McpServer? _server;
    private readonly string _category;

    public ClientLogger(McpCall call)
    {
        _call = call;
        _category = call.LoggerName;
    }

    public ClientLogger(McpServer server, string category)
    {
        _server = server;
        _category = category;
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) =>
        logLevel != LogLevel.None && (_call is not null ? _call.Client.WantsLog(ToMcp(logLevel)) : _server!.AnySessionLogsAt(ToMcp(logLevel)));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        // The exception's message helps the client; its stack trace never leaves the process.
        if (exception is not null) message = message.Length == 0 ? exception.Message : message + ": " + exception.Message;
        var level = ToMcp(logLevel);
        if (_call is not null) _call.Connection.Responder.Log(level, message, _category, _call.RequestId);
        else _server!.BroadcastLog(level, message, _category);
    }

    /// <summary>Microsoft.Extensions.Logging levels onto the syslog levels MCP uses.</summary>
    internal static McpLogLevel ToMcp(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => McpLogLevel.Debug,
        LogLevel.Information => McpLogLevel.Info,
        LogLevel.Warning => McpLogLevel.Warning,
        LogLevel.Error => McpLogLevel.Error,
        _ => McpLogLevel.Critical,
    };
}

/// <summary>
/// Creates loggers whose entries reach every connected session's client as <c>notifications/message</c>, each at or
/// above the level its client set with <c>logging/setLevel</c>. Add it to a logger factory
/// (<c>loggerFactory.AddProvider(server.ClientLoggerProvider)</c>) to show server-wide events to clients. (2026-07-28
/// clients get logs only with the requests that asked for them.)
/// </summary>
public sealed class McpClientLoggerProvider : ILoggerProvider
{
    private readonly McpServer _server;

    internal McpClientLoggerProvider(McpServer server) => _server = server;

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new ClientLogger(_server, categoryName);

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
