using System;
using System.Text.Json;
using System.Threading;
using McpForge.Connections;
using McpForge.Eras;
using McpForge.JsonRpc;
using McpForge.Generated;
using McpForge.Transports;

namespace McpForge.Server;

/// <summary>
/// What every generated invoker sees of a request (a tool call, a prompt rendering, a resource read): its id, the
/// server's services, the argument problems binding found (it is the <see cref="JsonReadContext"/> its binder reads
/// with), its cancellation token, and the writer for its result. A call has exactly one outcome: it completes, the
/// client cancels it, or it times out, whichever comes first.
/// </summary>
public abstract class McpCall : JsonReadContext, ICancellableRequest
{
    // How the call ended; the first transition away from Running wins, so every request gets exactly one outcome.
    internal const int Running = 0, Completed = 1, CancelledByClient = 2, TimedOut = 3;

    private MessageBuffer? _result;
    private McpContext? _context;
    // Made when the handler first asks for its token: a call that never does costs no token source.
    private CancellationTokenSource? _cancellation;
    private int _state;
    private int _slotHeld;

    private protected McpCall(McpConnection connection, ClientProfile client, McpCaller caller, RequestId requestId, RequestId progressToken)
    {
        Connection = connection;
        Client = client;
        Caller = caller;
        RequestId = requestId;
        ProgressToken = progressToken;
    }

    internal McpConnection Connection { get; }

    /// <summary>What the server knows of the client for this request (era, version, capabilities, log level).</summary>
    internal ClientProfile Client { get; }

    internal McpCaller Caller { get; }

    /// <summary>When the call started (<see cref="System.Diagnostics.Stopwatch"/> ticks), for the slow-request warning.</summary>
    internal long StartedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>The request's id.</summary>
    public RequestId RequestId { get; }

    /// <summary>The client's <c>_meta.progressToken</c>, if it sent one.</summary>
    public RequestId ProgressToken { get; }

    /// <summary>The caller, as the transport authenticated it (Streamable HTTP with authentication); null over stdio.</summary>
    public System.Security.Claims.ClaimsPrincipal? User => Caller.User;

    /// <summary>
    /// The call's services, for constructor and <see cref="FromServicesAttribute"/> parameters: a DI scope of this call
    /// (over HTTP, the request's), disposed when the call ends.
    /// </summary>
    public IServiceProvider Services => _scope?.Services ?? Connection.Server.Services;

    private CallScope? _scope;

    /// <summary>
    /// The call starts: its services are a new scope, or the transport request's (which waits for the call's end). A
    /// server without an application container and a transport without scopes have nothing to scope: no allocation.
    /// </summary>
    internal void BeginScope()
    {
        var registry = Connection.Server.Registry;
        if (Caller.ServiceScope is null && registry.ScopeFactory is null) return;
        _scope = new CallScope(registry, Caller.ServiceScope);
    }

    /// <summary>The call ended, its response sent: its scope is released.</summary>
    internal void EndScope() => _scope?.End(Connection.Server);

    /// <summary>Progress, logging, questions to the client, and what is known of it, for this call.</summary>
    public McpContext Context => _context ??= new McpContext(this);

    /// <summary>Cancelled when the client cancels the request (or closes its stream), or the call times out.</summary>
    public CancellationToken CancellationToken => (Volatile.Read(ref _cancellation) ?? CreateCancellation()).Token;

    /// <summary>
    /// The round of asks this call is in: a 2026-07-28 request's answers so far and what its handler asks (made on its
    /// first ask), or the answers a session's handler is run again with after <see cref="McpInputRequiredException"/>.
    /// </summary>
    internal ClientInput.InputRound? Input { get; set; }

    /// <summary>How many times a session ran the handler again after it asked for input (<see cref="McpServerOptions.MaxInputRounds"/>).</summary>
    internal int InputRoundsRun { get; set; }

    /// <summary>True once the handler was given its <see cref="McpContext"/> (only such a handler can ask the client anything).</summary>
    internal bool HasContext => _context is not null;

    /// <summary>A copy of the arguments, for a call that may need them after its handler went asynchronous (<see cref="KeepArguments"/>).</summary>
    internal byte[]? KeptArguments { get; private set; }

    /// <summary>
    /// Keeps the arguments (which live in the transport's buffer only until the handler first awaits) for what may come
    /// after: the digest a request state is bound to, or running the handler again in a session.
    /// </summary>
    internal void KeepArguments(ReadOnlySpan<byte> arguments) => KeptArguments ??= arguments.ToArray();

    /// <summary>The tool, prompt or resource this call serves, for logs and messages.</summary>
    internal abstract string Subject { get; }

    /// <summary>The name a client-visible logger of this call reports as its <c>logger</c>.</summary>
    internal abstract string LoggerName { get; }

    /// <summary>
    /// Starts the response and returns the writer, positioned inside the result object: write its members. Generated
    /// invokers call it once the method has returned; a failure after this point is a serialization failure (-32603),
    /// not a method error. The server closes the object (adding the 2026-07-28 fields where they belong).
    /// </summary>
    public Utf8JsonWriter BeginResult()
    {
        if (_result is not null)
        {
            throw new InvalidOperationException("The result of this call was already started.");
        }
        _result = MessageBuffer.Rent(MaxResponseBytes);
        JsonRpcWriter.StartResult(_result.Json, RequestId);
        _result.Json.WriteStartObject();
        return _result.Json;
    }

    /// <summary>The most bytes the response may have (<see cref="McpServerOptions.MaxResponseBytes"/>).</summary>
    internal long MaxResponseBytes => Connection.Server.Options.MaxResponseBytes;

    internal MessageBuffer? ResultBuffer => _result;

    internal void ReleaseResult()
    {
        _result?.Return();
        _result = null;
    }

    internal bool IsRunning => Volatile.Read(ref _state) == Running;

    /// <summary>Moves the call from Running to <paramref name="outcome"/>; false when another outcome already won.</summary>
    internal bool TryFinish(int outcome) => Interlocked.CompareExchange(ref _state, outcome, Running) == Running;

    /// <summary>The call holds one of the connection's response slots until its outcome is decided.</summary>
    internal void HoldSlot()
    {
        _slotHeld = 1;
        Connection.Admission.HoldSlot();
    }

    /// <summary>Frees the call's slot, once, for whichever path decided its outcome.</summary>
    internal void ReleaseSlot()
    {
        if (Interlocked.Exchange(ref _slotHeld, 0) == 1) Connection.Admission.ReleaseSlot();
    }

    /// <summary>Fires the token, if the handler asked for one. Called only by the path that decided the call was cancelled or timed out.</summary>
    internal void CancelToken() => Volatile.Read(ref _cancellation)?.Cancel();

    /// <summary>Releases the token source once the call completed (neither cancel nor timeout can touch it then).</summary>
    internal void DisposeToken() => Volatile.Read(ref _cancellation)?.Dispose();

    private CancellationTokenSource CreateCancellation()
    {
        var made = new CancellationTokenSource();
        var source = Interlocked.CompareExchange(ref _cancellation, made, null) ?? made;
        if (source != made) made.Dispose();
        // A cancel or timeout decided before the source existed found nothing to fire: fire it now. Both sides
        // publish with a full fence before they read the other's field, so at least one of them sees the other.
        if (Volatile.Read(ref _state) is CancelledByClient or TimedOut) source.Cancel();
        return source;
    }

    /// <summary>
    /// The call went asynchronous: make it findable by <c>notifications/cancelled</c>. If it finished on another thread
    /// before it was added, its finish could not remove it, so it is removed here instead.
    /// </summary>
    internal void TrackInFlight()
    {
        Connection.InFlight.Add(this);
        if (!IsRunning) Connection.InFlight.Remove(this);
    }

    /// <summary>
    /// The client cancelled the call (<c>notifications/cancelled</c>, or its stream closed): unless it ended first, its
    /// token fires and it gets no response, as MCP's cancellation requires.
    /// </summary>
    bool ICancellableRequest.CancelByClient()
    {
        if (!TryFinish(CancelledByClient)) return false;
        Connection.InFlight.Remove(this);
        ReleaseSlot();
        Diagnostics.McpLog.Cancelled(Connection.Server.Logger, RequestId.ToString(), Subject);
        Connection.Sink.Abandon(RequestId);
        Connection.Telemetry.Cancelled(RequestId);
        OnCancelled();
        CancelToken();
        return true;
    }

    /// <summary>What a kind of call undoes when the client cancels it (a tool's deadline).</summary>
    private protected virtual void OnCancelled()
    {
    }

    /// <summary>Runs the handler: binds <paramref name="arguments"/>, calls the method, writes its result through <see cref="BeginResult"/>.</summary>
    internal abstract System.Threading.Tasks.ValueTask InvokeHandler(ReadOnlySpan<byte> arguments);

    /// <summary>The call completed (before its response is sent): a tool leaves the server's deadlines.</summary>
    internal virtual void OnCompleted()
    {
    }

    /// <summary>Sends the response of a completed call of this kind: its result, its argument errors, or its failure.</summary>
    internal abstract void RespondOutcome(Exception? failure);

    /// <summary>What a 2026-07-28 request state of this call is bound to (method, component, arguments, caller).</summary>
    internal abstract ClientInput.StateBinding StateBinding();
}
