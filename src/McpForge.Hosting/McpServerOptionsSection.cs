using System;
using McpForge;
using Microsoft.Extensions.Logging;

namespace McpForge.Hosting;

/// <summary>
/// The <c>McpForge</c> configuration section as the configuration binder's source generator binds it: every
/// <see cref="McpServerOptions"/> option that configuration can express (numbers, durations, enums, text), each
/// nullable so that only the keys present change the options. <see cref="McpServerOptions.ErrorLog"/> (a writer) and
/// <see cref="McpServerOptions.MessageTrace"/> (required members) cannot be bound and stay code-only; the binder's
/// generator rejects both, which is why the options are not bound directly. A key that names no property here is an
/// error at start (<c>ErrorOnUnknownConfiguration</c>), so an option added to <see cref="McpServerOptions"/> and
/// forgotten here fails loudly, and a test compares the two lists.
/// </summary>
internal sealed class McpServerOptionsSection
{
    public int? PageSize { get; set; }

    public int? MaxConcurrentRequests { get; set; }

    public int? MaxQueuedRequests { get; set; }

    public long? MaxQueuedBytes { get; set; }

    public TimeSpan? ShutdownTimeout { get; set; }

    public long? MaxUnsentBytes { get; set; }

    public BusyBehavior? WhenBusy { get; set; }

    public int? MaxMessageBytes { get; set; }

    public long? MaxResponseBytes { get; set; }

    public long? MaxResourceBytes { get; set; }

    public int? MaxJsonDepth { get; set; }

    public TimeSpan? ToolTimeout { get; set; }

    public ErrorReporting? ArgumentErrors { get; set; }

    public ErrorReporting? ToolErrors { get; set; }

    public bool? RejectUnknownArguments { get; set; }

    public SchemaStyle? SchemaStyle { get; set; }

    public string? Instructions { get; set; }

    public LogLevel? LogLevel { get; set; }

    public TimeSpan? SlowRequestThreshold { get; set; }

    /// <summary>Copies the keys that were present onto <paramref name="options"/>.</summary>
    public void ApplyTo(McpServerOptions options)
    {
        if (PageSize is { } pageSize) options.PageSize = pageSize;
        if (MaxConcurrentRequests is { } maxConcurrentRequests) options.MaxConcurrentRequests = maxConcurrentRequests;
        if (MaxQueuedRequests is { } maxQueuedRequests) options.MaxQueuedRequests = maxQueuedRequests;
        if (MaxQueuedBytes is { } maxQueuedBytes) options.MaxQueuedBytes = maxQueuedBytes;
        if (ShutdownTimeout is { } shutdownTimeout) options.ShutdownTimeout = shutdownTimeout;
        if (MaxUnsentBytes is { } maxUnsentBytes) options.MaxUnsentBytes = maxUnsentBytes;
        if (WhenBusy is { } whenBusy) options.WhenBusy = whenBusy;
        if (MaxMessageBytes is { } maxMessageBytes) options.MaxMessageBytes = maxMessageBytes;
        if (MaxResponseBytes is { } maxResponseBytes) options.MaxResponseBytes = maxResponseBytes;
        if (MaxResourceBytes is { } maxResourceBytes) options.MaxResourceBytes = maxResourceBytes;
        if (MaxJsonDepth is { } maxJsonDepth) options.MaxJsonDepth = maxJsonDepth;
        if (ToolTimeout is { } toolTimeout) options.ToolTimeout = toolTimeout;
        if (ArgumentErrors is { } argumentErrors) options.ArgumentErrors = argumentErrors;
        if (ToolErrors is { } toolErrors) options.ToolErrors = toolErrors;
        if (RejectUnknownArguments is { } rejectUnknownArguments) options.RejectUnknownArguments = rejectUnknownArguments;
        if (SchemaStyle is { } schemaStyle) options.SchemaStyle = schemaStyle;
        if (Instructions is { } instructions) options.Instructions = instructions;
        if (LogLevel is { } logLevel) options.LogLevel = logLevel;
        if (SlowRequestThreshold is { } slowRequestThreshold) options.SlowRequestThreshold = slowRequestThreshold;
    }
}
