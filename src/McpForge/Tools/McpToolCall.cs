using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using McpForge.JsonRpc;
using McpForge.Server;

namespace McpForge.Tools;

/// <summary>
/// One <c>tools/call</c> in progress, as generated invokers see it: the services and context the method may
/// ask for, the cancellation token, the argument errors found while binding, and the writer for the result.
/// </summary>
public sealed class McpToolCall
{
    // How the call ended; the first transition away from Running wins, so every request gets exactly one outcome.
    internal const int Running = 0, Completed = 1, CancelledByClient = 2, TimedOut = 3;

    private readonly McpSession _session;
    private readonly CancellationTokenSource _cancellation;
    private List<ArgumentError>? _argumentErrors;
    private McpContext? _context;
    private MessageBuffer? _result;
    private int _state;
    private int _slotHeld;

    internal McpToolCall(McpSession session, McpTool tool, RequestId requestId, RequestId progressToken, CancellationTokenSource cancellation)
    {
        _session = session;
        Tool = tool;
        RequestId = requestId;
        ProgressToken = progressToken;
        _cancellation = cancellation;
    }

    /// <summary>The tool being called.</summary>
    public McpTool Tool { get; }

    /// <summary>The request's id.</summary>
    public RequestId RequestId { get; }

    /// <summary>The client's <c>_meta.progressToken</c>, if it sent one.</summary>
    public RequestId ProgressToken { get; }

    /// <summary>Cancelled when the client sends <c>notifications/cancelled</c> for this request or the call times out.</summary>
    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>The server's services, for constructor and <see cref="FromServicesAttribute"/> parameters.</summary>
    public IServiceProvider Services => _session.Server.Services;

    /// <summary>Progress, logging and client information for this call.</summary>
    public McpContext Context => _context ??= new McpContext(_session, this);

    /// <summary>False when the server is configured to ignore arguments a tool does not declare.</summary>
    public bool RejectUnknownArguments => _session.Server.Options.RejectUnknownArguments;

    /// <summary>True once binding found a problem; the method is then not invoked.</summary>
    public bool HasArgumentErrors => _argumentErrors is { Count: > 0 };

    /// <summary>Every problem binding found, in the order found.</summary>
    public IReadOnlyList<ArgumentError> ArgumentErrors => (IReadOnlyList<ArgumentError>?)_argumentErrors ?? Array.Empty<ArgumentError>();

    /// <summary>Records an argument problem at <paramref name="path"/> (a JSON Pointer such as <c>/days</c>).</summary>
    public void AddArgumentError(string path, string message) =>
        (_argumentErrors ??= new List<ArgumentError>()).Add(new ArgumentError(path, message));

    /// <summary>
    /// Starts the response and returns the writer for the <c>CallToolResult</c> object. Generated invokers call it
    /// once the method has returned; a failure after this point is a serialization failure (-32603), not a tool error.
    /// </summary>
    public Utf8JsonWriter BeginResult()
    {
        if (_result is not null)
        {
            throw new InvalidOperationException("The result of this call was already started.");
        }
        _result = MessageBuffer.Rent();
        JsonRpcWriter.StartResult(_result.Json, RequestId);
        return _result.Json;
    }

    internal MessageBuffer? ResultBuffer => _result;

    internal void ReleaseResult()
    {
        _result?.Return();
        _result = null;
    }

    internal CancellationTokenSource Cancellation => _cancellation;

    internal McpSession Session => _session;

    internal void HoldSlot() => _slotHeld = 1;

    /// <summary>True exactly once: for whichever path decided the call's outcome.</summary>
    internal bool TryReleaseSlot() => Interlocked.Exchange(ref _slotHeld, 0) == 1;

    internal bool IsRunning => Volatile.Read(ref _state) == Running;

    /// <summary>Moves the call from Running to <paramref name="outcome"/>; false when another outcome already won.</summary>
    internal bool TryFinish(int outcome) => Interlocked.CompareExchange(ref _state, outcome, Running) == Running;
}
