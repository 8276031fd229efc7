using System;
using System.Collections.Generic;
using McpForge.AspNetCore.Authorization;
using McpForge.AspNetCore.EventStore;

namespace McpForge.AspNetCore;

/// <summary>How an MCP endpoint mapped with <c>MapMcp</c> serves Streamable HTTP (docs/transports.md, "Streamable HTTP").</summary>
public sealed class McpHttpOptions
{
    /// <summary>
    /// Serve without sessions: no <c>Mcp-Session-Id</c>, every POST handled on its own, no GET stream (405), no
    /// DELETE. Fits any load balancer, but the server cannot send the client requests of its own (sampling,
    /// elicitation, roots), notifications outside a request (list changes, resource updates), or resume streams.
    /// Default false.
    /// </summary>
    public bool Stateless { get; set; }

    /// <summary>
    /// Authenticate every request with ASP.NET Core's authentication schemes (bearer tokens, client certificates) and
    /// enforce <c>[McpAuthorize]</c> (docs/authorization.md). Null (the default): callers are not authenticated here.
    /// </summary>
    public McpAuthenticationOptions? Authentication { get; set; }

    /// <summary>
    /// A session with no request in progress and no open stream for this long is ended; later requests with its id get
    /// 404 and the client starts a new one. Default 30 minutes.
    /// </summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The most sessions open at once; an <c>initialize</c> beyond it gets 503. Default 10,000.</summary>
    public int MaxSessions { get; set; } = 10_000;

    /// <summary>
    /// Host names (without port) the <c>Host</c> header may carry. Empty (the default): when the server is reached on
    /// a loopback address only <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c> are accepted, which stops DNS
    /// rebinding; on other addresses the host is not checked here (use ASP.NET Core's host filtering). Others get 403.
    /// </summary>
    public IList<string> AllowedHosts { get; } = new List<string>();

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) a browser's <c>Origin</c> header may carry. Empty (the default): on a
    /// loopback address only loopback origins are accepted, elsewhere only the server's own origin. A request
    /// without <c>Origin</c> (not from a browser) is not affected. Others get 403, as MCP requires.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = new List<string>();

    /// <summary>
    /// Answer CORS preflights and add <c>Access-Control-*</c> headers for the <see cref="AllowedOrigins"/>, so browser
    /// clients on those origins can call the endpoint and read <c>Mcp-Session-Id</c>. Default false (opt in).
    /// </summary>
    public bool EnableCors { get; set; }

    /// <summary>
    /// The largest POST body, in bytes; a larger one gets 413 without being read. Default: the server's
    /// <see cref="McpServerOptions.MaxMessageBytes"/>.
    /// </summary>
    public long? MaxRequestBodyBytes { get; set; }

    /// <summary>
    /// Where SSE events are kept so a client can resume a broken stream with <c>Last-Event-ID</c>. Default: an
    /// <see cref="InMemoryEventStore"/> bounded per session. Null turns resumability off (no event ids, no priming).
    /// </summary>
    public IMcpEventStore? EventStore { get; set; } = new InMemoryEventStore();

    /// <summary>
    /// How long the events of a finished stream stay in the store after its last event was written. A write that
    /// succeeded does not prove the client read it (a connection can die with data in flight), so a client may still
    /// replay the end of a stream within this window. Default 30 seconds.
    /// </summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The <c>retry:</c> interval sent with the priming event of resumable streams. Default 1 second.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an idle SSE stream gets a comment line, so proxies keep it and dead clients are noticed. Default 15 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The most bytes queued for one stream whose client does not read; beyond it the stream is cut (and resumed later
    /// from the event store if it can be), so a stalled client cannot make the server buffer without limit. Default 16 MiB.
    /// </summary>
    public long MaxQueuedBytesPerStream { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// In a fleet (docs/scale-out.md): how long an instance that is stopping keeps serving after <c>/health</c> started
    /// answering 503, so the load balancer's health checks notice before its sessions are handed over. Default 2 seconds.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether calls resolve their services from the HTTP request's DI scope (default, when the server was registered
    /// with <c>AddMcpServer</c> on this application's container), so middleware and the tool share scoped services.
    /// The request then lasts until the handler returns, even when the answer left earlier (a stream closed to be
    /// polled, a call past its time limit): on HTTP/1.1 that keeps the connection busy until then. False gives every
    /// call a scope of its own, as over stdio, and frees the request with its answer.
    /// </summary>
    public bool UseRequestServices { get; set; } = true;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SessionIdleTimeout, TimeSpan.Zero, nameof(SessionIdleTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSessions, 1, nameof(MaxSessions));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryInterval, TimeSpan.Zero, nameof(RetryInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplayWindow, TimeSpan.Zero, nameof(ReplayWindow));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepAliveInterval, TimeSpan.Zero, nameof(KeepAliveInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedBytesPerStream, 1024, nameof(MaxQueuedBytesPerStream));
        ArgumentOutOfRangeException.ThrowIfLessThan(DrainDelay, TimeSpan.Zero, nameof(DrainDelay));
        if (MaxRequestBodyBytes is long max) ArgumentOutOfRangeException.ThrowIfLessThan(max, 64, nameof(MaxRequestBodyBytes));
        if (Authentication is { } authentication)
        {
            if (authentication.Schemes.Count == 0) throw new ArgumentException("McpHttpOptions.Authentication.Schemes names no authentication scheme.");
            authentication.ResourceMetadata?.Validate();
        }
    }
}
