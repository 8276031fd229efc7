using System;
using System.Threading;
using McpForge.JsonRpc;
using McpForge.Server;

namespace McpForge.Tools;

/// <summary>
/// One <c>tools/call</c> in progress, as generated invokers see it: besides what every <see cref="McpCall"/> has,
/// the context the method may ask for, the cancellation token, and the call's single outcome.
/// </summary>
public sealed class McpToolCall : McpCall
{
    // How the call ended; the first transition away from Running wins, so every request gets exactly one outcome.
    internal const int Running = 0, Completed = 1, CancelledByClient = 2, TimedOut = 3;

    private readonly CancellationTokenSource _cancellation;
    private McpContext? _context;
    private int _state;
    private int _slotHeld;

    internal McpToolCall(McpSession session, McpTool tool, RequestId requestId, RequestId progressToken, CancellationTokenSource cancellation)
        : base(session, requestId)
    {
        Tool = tool;
        ProgressToken = progressToken;
        _cancellation = cancellation;
        var options = session.Server.Options;
        RejectUnknownProperties = options.RejectUnknownArguments;
        AbsentNullableIsNull = options.SchemaStyle == SchemaStyle.LlmFriendly;
    }

    /// <summary>The tool being called.</summary>
    public McpTool Tool { get; }

    /// <summary>The client's <c>_meta.progressToken</c>, if it sent one.</summary>
    public RequestId ProgressToken { get; }

    /// <summary>Cancelled when the client sends <c>notifications/cancelled</c> for this request or the call times out.</summary>
    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>Progress, logging and client information for this call.</summary>
    public McpContext Context => _context ??= new McpContext(Session, this);

    internal CancellationTokenSource Cancellation => _cancellation;

    internal new McpSession Session => base.Session;

    internal void HoldSlot() => _slotHeld = 1;

    /// <summary>True exactly once: for whichever path decided the call's outcome.</summary>
    internal bool TryReleaseSlot() => Interlocked.Exchange(ref _slotHeld, 0) == 1;

    internal bool IsRunning => Volatile.Read(ref _state) == Running;

    /// <summary>Moves the call from Running to <paramref name="outcome"/>; false when another outcome already won.</summary>
    internal bool TryFinish(int outcome) => Interlocked.CompareExchange(ref _state, outcome, Running) == Running;
}
