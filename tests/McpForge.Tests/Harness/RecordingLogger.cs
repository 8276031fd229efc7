using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace McpForge.Tests.Harness;

/// <summary>A logger factory that keeps every entry, to assert what the server logs.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory, ILogger
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId Event, string Message, Exception? Exception)> Entries { get; } = new();

    private string _category = "";

    public ILogger CreateLogger(string categoryName)
    {
        _category = categoryName;
        return this;
    }

    public void AddProvider(ILoggerProvider provider) { }

    public void Dispose() { }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((_category, logLevel, eventId, formatter(state, exception), exception));
}
