using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace McpForge.Diagnostics;

/// <summary>
/// The logger a server uses when it is given none (a stdio server has no host): one line per entry on standard error
/// (or <see cref="McpServerOptions.ErrorLog"/>), never standard output, which carries the JSON-RPC stream. Its level is
/// <see cref="McpServerOptions.LogLevel"/>, or the <c>MCPFORGE_LOG_LEVEL</c> environment variable.
/// </summary>
internal sealed class StderrLogger(TextWriter? writer, LogLevel minimum) : ILogger
{
    private readonly object _gate = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var line = $"McpForge[{Short(logLevel)}] {formatter(state, exception)}";
        if (exception is not null) line += Environment.NewLine + exception;
        try
        {
            var target = writer ?? Console.Error;
            lock (_gate) target.WriteLine(line);
        }
        catch (Exception)
        {
            // Logging must never take the server down.
        }
    }

    private static string Short(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    /// <summary>The level <c>MCPFORGE_LOG_LEVEL</c> names (trace, debug, information/info, warning/warn, error, critical, none), or null.</summary>
    public static LogLevel? FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable("MCPFORGE_LOG_LEVEL");
        return value?.Trim().ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "information" or "info" => LogLevel.Information,
            "warning" or "warn" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "critical" => LogLevel.Critical,
            "none" => LogLevel.None,
            _ => null,
        };
    }
}
