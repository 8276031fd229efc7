using System;
using System.Collections.Generic;
using System.IO;

namespace McpForge;

/// <summary>How errors of a kind reach the client.</summary>
public enum ErrorReporting
{
    /// <summary>
    /// As a tool result with <c>isError: true</c>, whose text says what went wrong, so the model can correct itself.
    /// The default, and what MCP 2025-11-25 asks for (tools, "Error Handling").
    /// </summary>
    ToolResult,

    /// <summary>As a JSON-RPC error: -32602 with <c>data.errors</c> for arguments, -32000 for tool failures.</summary>
    JsonRpcError,
}

/// <summary>The dialect of the JSON Schemas in <c>tools/list</c> (docs/schemas.md).</summary>
public enum SchemaStyle
{
    /// <summary>
    /// Exact JSON Schema 2020-12: a nullable member is <c>"type": ["string", "null"]</c>, and a recursive type is
    /// described once under <c>$defs</c> and referred to with <c>$ref</c>. The default.
    /// </summary>
    Strict,

    /// <summary>
    /// What function-calling front ends accept: input schemas have no <c>$ref</c> (recursive types are written out a few
    /// levels deep, then left open) and no <c>["T", "null"]</c> unions (a nullable member is optional instead, and
    /// leaving it out means <c>null</c>). Output schemas stay strict.
    /// </summary>
    LlmFriendly,
}

/// <summary>What a session does with a request once every slot is taken and the queue is full.</summary>
public enum BusyBehavior
{
    /// <summary>
    /// Backpressure: stdio stops reading input until a queued request starts, so the rest waits in the pipe and
    /// the client's writes block; Streamable HTTP holds the POST. Nothing is lost and memory stays bounded, but
    /// nothing more is read meanwhile (a client's answer to an elicitation included).
    /// </summary>
    Wait,

    /// <summary>The request is answered at once with -32004 <c>Server busy</c> (HTTP: 429 with <c>Retry-After: 1</c>).</summary>
    Reject,
}

/// <summary>Limits and behaviour of an <see cref="McpServer"/>. Every limit answers with a documented error (docs/errors.md).</summary>
public sealed class McpServerOptions
{
    /// <summary>Tools per <c>tools/list</c> page; the rest follow through <c>nextCursor</c>. Default 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// Handler requests (<c>tools/call</c>, <c>prompts/get</c>, <c>resources/read</c>, <c>completion/complete</c>) that
    /// may run at once in a session. More wait in arrival order in the queue (<see cref="MaxQueuedRequests"/>). Pings,
    /// lists, notifications and the client's answers to the server's own requests never wait. Default 64.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>
    /// Requests that may wait for a slot in a session once <see cref="MaxConcurrentRequests"/> run. A cancelled one
    /// leaves the queue unanswered. When the queue is full, <see cref="WhenBusy"/> decides. Default 256.
    /// </summary>
    public int MaxQueuedRequests { get; set; } = 256;

    /// <summary>The bytes that waiting stdio requests may hold (their messages are copied); full at this too. Default 16 MiB.</summary>
    public long MaxQueuedBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// How long a stdio server whose input ended (the client's signal to shut down) waits for the requests it has
    /// read to be answered; the rest are then cancelled and the server returns. <c>null</c> waits for all of them
    /// (for scripts that pipe requests in and close the input at once). Default 30 seconds, as the .NET host's.
    /// </summary>
    public TimeSpan? ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Output a stdio client has not read yet that the server may hold in memory. Past it the server reads no more
    /// requests, and tools sending progress or logs wait, until the client reads again. Default 4 MiB.
    /// </summary>
    public long MaxUnsentBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// What <see cref="McpServer.RunStdioAsync"/> asks its standard input and output pipes to hold, and reads at a time, in
    /// bytes (Linux; a pipe holds 64 KiB unless asked). A busy client then costs a system call and a wake-up of its
    /// writer or reader every this many bytes instead of every 64 KiB. A pipe already larger is left as it is, and so is a
    /// standard input or output that is not a pipe; 0 leaves both alone. Default 256 KiB.
    /// </summary>
    public int StdioPipeBytes { get; set; } = 256 * 1024;

    /// <summary>What happens to a request when every slot is taken and the queue is full. Default <see cref="BusyBehavior.Wait"/>.</summary>
    public BusyBehavior WhenBusy { get; set; } = BusyBehavior.Wait;

    /// <summary>The largest incoming message, in bytes; a larger one is answered with -32600 and skipped. Default 4 MiB.</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest response, in bytes; a larger one is replaced by a -32603 error. Default 16 MiB.</summary>
    public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// The largest resource a <c>Stream</c> or <c>FileInfo</c> read may produce, in bytes, before encoding (base64 adds a
    /// third). A larger one is answered with -32603 naming this limit, and never read past it. Default 10 MiB, which
    /// stays under <see cref="MaxResponseBytes"/> once encoded.
    /// </summary>
    public long MaxResourceBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted in a message; deeper input is answered with -32700. Default 64.</summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>
    /// How long a tool may run before the call is answered with -32001 and its cancellation token is cancelled.
    /// <c>null</c> disables the limit. Default 5 minutes.
    /// </summary>
    public TimeSpan? ToolTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How argument errors (missing, wrong type, unknown argument) are reported. Default <see cref="ErrorReporting.ToolResult"/>.</summary>
    public ErrorReporting ArgumentErrors { get; set; } = ErrorReporting.ToolResult;

    /// <summary>How an exception thrown by a tool is reported. Default <see cref="ErrorReporting.ToolResult"/>.</summary>
    public ErrorReporting ToolErrors { get; set; } = ErrorReporting.ToolResult;

    /// <summary>
    /// Arguments a tool does not declare, and properties a type does not declare at any depth, are errors (default),
    /// or are ignored when false. A type's <c>[JsonUnmappedMemberHandling]</c> decides for that type.
    /// </summary>
    public bool RejectUnknownArguments { get; set; } = true;

    /// <summary>The dialect of the input schemas <c>tools/list</c> sends. Default <see cref="SchemaStyle.Strict"/>.</summary>
    public SchemaStyle SchemaStyle { get; set; } = SchemaStyle.Strict;

    /// <summary>Instructions for the model, sent in the <c>initialize</c> result and in <c>server/discover</c>.</summary>
    public string? Instructions { get; set; }

    /// <summary>A human-readable name for the server (<c>serverInfo.title</c>).</summary>
    public string? Title { get; set; }

    /// <summary>What the server is for, in a sentence (<c>serverInfo.description</c>).</summary>
    public string? Description { get; set; }

    /// <summary>The server's home page (<c>serverInfo.websiteUrl</c>).</summary>
    public string? WebsiteUrl { get; set; }

    /// <summary>Icons a client may show for the server (<c>serverInfo.icons</c>).</summary>
    public IList<Protocol.McpIcon> Icons { get; } = new List<Protocol.McpIcon>();

    /// <summary>
    /// Puts <c>_meta["io.modelcontextprotocol/serverInfo"]</c> (name, version, title, …) in every 2026-07-28 result, as the
    /// specification recommends. Default true.
    /// </summary>
    public bool ServerInfoInResults { get; set; } = true;

    /// <summary>
    /// How long a client may cache a 2026-07-28 result of <c>server/discover</c>, a list method or <c>resources/read</c>
    /// (<c>ttlMs</c>), unless a component says otherwise (<c>CacheTtlMs</c> on its attribute). Default zero: stale at once,
    /// so clients refetch; raise it when the server's components do not change while it runs.
    /// </summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Who may reuse those results (<c>cacheScope</c>). Default <see cref="McpCacheScope.Private"/>. A list is private
    /// whenever the transport authenticates callers, since what it holds depends on who asks.
    /// </summary>
    public McpCacheScope CacheScope { get; set; } = McpCacheScope.Private;

    /// <summary>
    /// How long the <c>requestState</c> of a 2026-07-28 <c>input_required</c> result stays valid: the client must retry
    /// within it (a person may be filling in a form). Default 15 minutes.
    /// </summary>
    public TimeSpan RequestStateLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Seals request states (authenticated encryption). Default: AES-256-GCM with a key made when the server starts,
    /// which serves one process; <c>AddMcpServer</c> on ASP.NET Core uses Data Protection instead, so that several
    /// instances sharing a key ring open each other's states (docs/configuration.md).
    /// </summary>
    public IMcpRequestStateProtector? RequestStateProtector { get; set; }

    /// <summary>
    /// How many times a 2025-11-25 session runs a handler again for a <see cref="McpInputRequiredException"/> (asking the
    /// client in between) before the call fails. Default 10.
    /// </summary>
    public int MaxInputRounds { get; set; } = 10;

    /// <summary>
    /// Carries list changes and resource updates to every session and <c>subscriptions/listen</c> stream. Default: this
    /// process only; a bus shared by several instances (McpForge.AspNetCore.Redis) reaches the clients of all.
    /// </summary>
    public Subscriptions.IMcpEventBus? EventBus { get; set; }

    /// <summary>
    /// MCP tasks (docs/tasks.md): null (the default) leaves them off, and <c>tasks/*</c> does not exist for clients; an
    /// <see cref="Tasks.McpTaskOptions"/> turns them on with its store and limits.
    /// </summary>
    public Tasks.McpTaskOptions? Tasks { get; set; }

    /// <summary>
    /// The clock of every timer of the server and its transports: tool deadlines, idle sessions, replay windows, the
    /// expiry of request states. Tests pass a fake one. Default <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Where the built-in logger writes (one line per entry, exceptions with their stack traces, which are never sent to
    /// the client). Default: standard error. Not used when the server has an <c>ILoggerFactory</c>
    /// (<see cref="McpServerBuilder.UseLoggerFactory"/>, or one among its services).
    /// </summary>
    public TextWriter? ErrorLog { get; set; }

    /// <summary>
    /// The least severe level the built-in logger writes. Default: the <c>MCPFORGE_LOG_LEVEL</c> environment variable
    /// (trace, debug, info, warning, error, critical, none), else <c>Warning</c>.
    /// </summary>
    public Microsoft.Extensions.Logging.LogLevel? LogLevel { get; set; }

    /// <summary>
    /// Records every message received and sent to a JSON Lines file, in the format of <c>mcpforge trace</c>
    /// (docs/observability.md). Default: what the <c>MCPFORGE_TRACE</c> environment variable (a file path) asks for,
    /// else off.
    /// </summary>
    public Diagnostics.McpMessageTraceOptions? MessageTrace { get; set; } = Diagnostics.McpMessageTraceOptions.FromEnvironment();

    /// <summary>A request that takes longer than this is logged as a warning (event 2). <c>null</c> turns it off. Default 5 seconds.</summary>
    public TimeSpan? SlowRequestThreshold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws for the first problem <see cref="Problems"/> finds (what <see cref="McpServerBuilder.Build"/> checks).</summary>
    internal void Validate()
    {
        foreach (var (option, problem) in Problems())
        {
            throw new ArgumentOutOfRangeException(option, $"{option} {problem}");
        }
    }

    /// <summary>
    /// Every option whose value the server cannot run with, and why ("must be at least 1, not 0"): the one rule set both
    /// <see cref="McpServerBuilder.Build"/> and a host's start-up validation (McpForge.Hosting) apply.
    /// </summary>
    internal System.Collections.Generic.IEnumerable<(string Option, string Problem)> Problems()
    {
        if (PageSize < 1) yield return (nameof(PageSize), $"must be at least 1, not {PageSize}");
        if (MaxConcurrentRequests < 1) yield return (nameof(MaxConcurrentRequests), $"must be at least 1, not {MaxConcurrentRequests}");
        if (StdioPipeBytes < 0) yield return (nameof(StdioPipeBytes), $"must not be negative (0 leaves the pipes as they are), not {StdioPipeBytes}");
        if (MaxMessageBytes < 64) yield return (nameof(MaxMessageBytes), $"must be at least 64, not {MaxMessageBytes}");
        if (MaxResponseBytes < 64) yield return (nameof(MaxResponseBytes), $"must be at least 64, not {MaxResponseBytes}");
        if (MaxJsonDepth < 4) yield return (nameof(MaxJsonDepth), $"must be at least 4, not {MaxJsonDepth}");
        if (MaxResourceBytes < 1) yield return (nameof(MaxResourceBytes), $"must be at least 1, not {MaxResourceBytes}");
        if (TimeProvider is null) yield return (nameof(TimeProvider), "must be set (TimeProvider.System, or a fake clock in tests)");
        if (MaxInputRounds < 1) yield return (nameof(MaxInputRounds), $"must be at least 1, not {MaxInputRounds}");
        if (RequestStateLifetime <= TimeSpan.Zero) yield return (nameof(RequestStateLifetime), $"must be positive, not {RequestStateLifetime}");
        if (CacheTtl < TimeSpan.Zero) yield return (nameof(CacheTtl), $"must not be negative, not {CacheTtl}");
        if (WebsiteUrl is not null && !Uri.TryCreate(WebsiteUrl, UriKind.Absolute, out _)) yield return (nameof(WebsiteUrl), $"must be an absolute URL, not '{WebsiteUrl}'");
        foreach (var icon in Icons)
        {
            if (icon.Problem() is { } problem) yield return (nameof(Icons), problem);
        }
        if (Tasks is { } tasks)
        {
            if (tasks.DefaultTimeToLive <= TimeSpan.Zero) yield return ("Tasks.DefaultTimeToLive", $"must be positive, not {tasks.DefaultTimeToLive}");
            if (tasks.MaxTimeToLive < tasks.DefaultTimeToLive) yield return ("Tasks.MaxTimeToLive", $"must be at least DefaultTimeToLive ({tasks.DefaultTimeToLive}), not {tasks.MaxTimeToLive}");
            if (tasks.PollInterval < TimeSpan.FromMilliseconds(1)) yield return ("Tasks.PollInterval", $"must be at least 1 ms, not {tasks.PollInterval}");
            if (tasks.MaxTasksPerOwner < 1) yield return ("Tasks.MaxTasksPerOwner", $"must be at least 1, not {tasks.MaxTasksPerOwner}");
            if (tasks.MaxResultBytes < 64) yield return ("Tasks.MaxResultBytes", $"must be at least 64, not {tasks.MaxResultBytes}");
            if (tasks.PageSize < 1) yield return ("Tasks.PageSize", $"must be at least 1, not {tasks.PageSize}");
        }
        if (ToolTimeout is TimeSpan timeout && timeout <= TimeSpan.Zero)
        {
            yield return (nameof(ToolTimeout), $"must be positive, or empty for no limit, not {timeout}");
        }
        if (ShutdownTimeout is TimeSpan shutdown && shutdown < TimeSpan.Zero)
        {
            yield return (nameof(ShutdownTimeout), $"must not be negative, or empty to wait for every request, not {shutdown}");
        }
    }
}
