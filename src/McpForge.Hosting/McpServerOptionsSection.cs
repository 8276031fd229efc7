using System;
using McpForge;
using Microsoft.Extensions.Logging;

namespace McpForge.Hosting;

/// <summary>
/// The <c>McpForge</c> configuration section as the configuration binder's source generator binds it: every
/// <see cref="McpServerOptions"/> option that configuration can express (numbers, durations, enums, text), each
/// nullable so that only the keys present change the options. <see cref="McpServerOptions.ErrorLog"/> (a writer),
/// <see cref="McpServerOptions.MessageTrace"/> (required members) and the services (<see cref="McpServerOptions.TimeProvider"/>,
/// <see cref="McpServerOptions.EventBus"/>, <see cref="McpServerOptions.RequestStateProtector"/>) cannot be bound and stay
/// code-only; the binder's generator rejects such types, which is why the options are not bound directly. Icons are
/// code-only too: a list of records a host rarely keeps in configuration. A key that names no property here is an
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

    public int? StdioPipeBytes { get; set; }

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

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? WebsiteUrl { get; set; }

    public bool? ServerInfoInResults { get; set; }

    public TimeSpan? CacheTtl { get; set; }

    public McpCacheScope? CacheScope { get; set; }

    public TimeSpan? RequestStateLifetime { get; set; }

    public int? MaxInputRounds { get; set; }

    /// <summary>MCP tasks (docs/tasks.md): any key of the section turns them on.</summary>
    public McpTaskOptionsSection? Tasks { get; set; }

    /// <summary>
    /// <c>McpForge:Redis</c>, the settings of a fleet (docs/scale-out.md): not a server option. McpForge.AspNetCore.Redis
    /// reads and checks its keys; here it is only let through, since any other key of the section is an error.
    /// </summary>
    public System.Collections.Generic.Dictionary<string, string?>? Redis { get; set; }

    /// <summary>Copies the keys that were present onto <paramref name="options"/>.</summary>
    public void ApplyTo(McpServerOptions options)
    {
        if (PageSize is { } pageSize) options.PageSize = pageSize;
        if (MaxConcurrentRequests is { } maxConcurrentRequests) options.MaxConcurrentRequests = maxConcurrentRequests;
        if (MaxQueuedRequests is { } maxQueuedRequests) options.MaxQueuedRequests = maxQueuedRequests;
        if (MaxQueuedBytes is { } maxQueuedBytes) options.MaxQueuedBytes = maxQueuedBytes;
        if (ShutdownTimeout is { } shutdownTimeout) options.ShutdownTimeout = shutdownTimeout;
        if (MaxUnsentBytes is { } maxUnsentBytes) options.MaxUnsentBytes = maxUnsentBytes;
        if (StdioPipeBytes is { } stdioPipeBytes) options.StdioPipeBytes = stdioPipeBytes;
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
        if (Title is { } title) options.Title = title;
        if (Description is { } description) options.Description = description;
        if (WebsiteUrl is { } websiteUrl) options.WebsiteUrl = websiteUrl;
        if (ServerInfoInResults is { } serverInfoInResults) options.ServerInfoInResults = serverInfoInResults;
        if (CacheTtl is { } cacheTtl) options.CacheTtl = cacheTtl;
        if (CacheScope is { } cacheScope) options.CacheScope = cacheScope;
        if (RequestStateLifetime is { } requestStateLifetime) options.RequestStateLifetime = requestStateLifetime;
        if (MaxInputRounds is { } maxInputRounds) options.MaxInputRounds = maxInputRounds;
        Tasks?.ApplyTo(options);
    }
}
