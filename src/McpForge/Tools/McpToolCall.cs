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

    // Made when the tool first asks for its token: a tool that never does costs no token source (its timeout is an
    // entry in the server's ToolDeadlines, not a timer of its own).
    private CancellationTokenSource? _cancellation;
    private McpContext? _context;
    private int _state;
    private int _slotHeld;

    internal McpToolCall(McpSession session, McpTool tool, RequestId requestId, RequestId progressToken)
        : base(session, requestId)
    {
        Tool = tool;
        ProgressToken = progressToken;
        var options = session.Server.Options;
        RejectUnknownProperties = options.RejectUnknownArguments;
        AbsentNullableIsNull = options.SchemaStyle == SchemaStyle.LlmFriendly;
    }

    /// <summary>The tool being called.</summary>
    public McpTool Tool { get; }

    /// <summary>The client's <c>_meta.progressToken</c>, if it sent one.</summary>
    public RequestId ProgressToken { get; }

    /// <summary>Cancelled when the client sends <c>notifications/cancelled</c> for this request or the call times out.</summary>
    public CancellationToken CancellationToken => (Volatile.Read(ref _cancellation) ?? CreateCancellation()).Token;

    /// <summary>Progress, logging and client information for this call.</summary>
    public McpContext Context => _context ??= new McpContext(Session, this);

    /// <summary>When the call times out (<see cref="Environment.TickCount64"/>), and its place in the server's list of deadlines (-1: none).</summary>
    internal long Deadline;
    internal int DeadlineIndex = -1;

    /// <summary>Fires the token, if the tool asked for one. Called only by the path that decided the call was cancelled or timed out.</summary>
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

    internal new McpSession Session => base.Session;

    internal void HoldSlot() => _slotHeld = 1;

    /// <summary>True exactly once: for whichever path decided the call's outcome.</summary>
    internal bool TryReleaseSlot() => Interlocked.Exchange(ref _slotHeld, 0) == 1;

    internal bool IsRunning => Volatile.Read(ref _state) == Running;

    /// <summary>Moves the call from Running to <paramref name="outcome"/>; false when another outcome already won.</summary>
    internal bool TryFinish(int outcome) => Interlocked.CompareExchange(ref _state, outcome, Running) == Running;
}
