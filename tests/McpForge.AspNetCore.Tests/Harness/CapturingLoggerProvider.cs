using System;
using System.Text;
using Microsoft.Extensions.Logging;

namespace McpForge.AspNetCore.Tests.Harness;

/// <summary>Every log line of the host (ASP.NET Core's and McpForge's), at every level, into one text.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly StringBuilder _text = new();

    public string Text
    {
        get { lock (_text) return _text.ToString(); }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._text) owner._text.Append(category).Append(' ').Append(logLevel).Append(": ").Append(formatter(state, exception)).Append(' ').AppendLine(exception?.ToString());
        }
    }
}
