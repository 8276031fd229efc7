using System;
using System.Threading.Tasks;
using McpForge.ClientInput;
using McpForge.JsonRpc;
using McpForge.Server;

namespace McpForge.Dispatch;

/// <summary>
/// The life of a call that runs user code — a tool call, a prompt rendering, a resource read: it holds a response slot,
/// runs on the read loop until it first awaits, becomes cancellable once it goes asynchronous, and ends with exactly one
/// outcome. Whatever the kind, the end is decided here: a session's handler that asked for input explicitly is run
/// again after the client answers; a modern request whose handler asked what is not answered yet gets
/// <c>input_required</c>; everything else is the kind's own response (<see cref="McpCall.RespondOutcome"/>).
/// </summary>
internal static class CallRunner
{
    /// <summary>
    /// A 2026-07-28 retry brings answers (<c>inputResponses</c>) and the sealed state of its earlier rounds: both become
    /// the call's round. False, with -32602 answered, when they cannot be trusted or read.
    /// </summary>
    public static bool TryBeginRound(in IncomingRequest request, in CallParams read, McpCall call)
    {
        if (!request.Client.IsModern || (!read.HasInputResponses && read.RequestState is null)) return true;
        call.KeepArguments(read.Arguments); // a retry is bound to the arguments of the request its state was issued for
        if (!InputRoundReader.TryRead(request.Server, call.StateBinding(), read.InputResponses, read.HasInputResponses, read.RequestState,
            out var round, out var problem))
        {
            request.Respond.Error(request.Id, JsonRpcErrorCode.InvalidParams, problem);
            return false;
        }
        call.Input = round;
        return true;
    }

    /// <summary>Runs the handler of <paramref name="call"/> over <paramref name="arguments"/> (valid only until it first awaits).</summary>
    public static void Start(McpCall call, ReadOnlySpan<byte> arguments)
    {
        call.BeginScope();
        call.HoldSlot();
        ValueTask pending;
        try
        {
            pending = call.InvokeHandler(arguments);
        }
        catch (Exception ex)
        {
            KeepArgumentsFor(call, arguments, ex);
            Finish(call, ex);
            return;
        }
        if (pending.IsCompleted)
        {
            Exception? failure = null;
            try
            {
                pending.GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            KeepArgumentsFor(call, arguments, failure);
            Finish(call, failure);
            return;
        }
        // Gone asynchronous: the arguments leave the transport's buffer now, so a call that may still need them keeps a copy.
        if (call.Client.IsModern || call.HasContext) call.KeepArguments(arguments);
        call.TrackInFlight();
        _ = CompleteAsync(call, pending);
    }

    /// <summary>A synchronous end that asked for input needs the arguments after this returns (a state's digest, a re-run).</summary>
    private static void KeepArgumentsFor(McpCall call, ReadOnlySpan<byte> arguments, Exception? failure)
    {
        if (failure is McpInputRequiredException || call.Input is { NeedsInput: true }) call.KeepArguments(arguments);
    }

    private static async Task CompleteAsync(McpCall call, ValueTask pending)
    {
        Exception? failure = null;
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        Finish(call, failure);
    }

    /// <summary>Runs the handler again (a session's next round of input), reusing the arguments it kept.</summary>
    internal static void Rerun(McpCall call)
    {
        ValueTask pending;
        try
        {
            pending = call.InvokeHandler(call.KeptArguments);
        }
        catch (Exception ex)
        {
            Finish(call, ex);
            return;
        }
        _ = CompleteAsync(call, pending);
    }

    /// <summary>Ends a call that failed outside its handler (a session's round of input that could not be asked).</summary>
    internal static void Fail(McpCall call, Exception failure) => Finish(call, failure);

    /// <summary>Decides and sends the one response of a call that ended, unless cancellation or timeout decided it first.</summary>
    private static void Finish(McpCall call, Exception? failure)
    {
        if (failure is McpInputRequiredException required && !call.Client.IsModern && call.IsRunning)
        {
            // A session's client can be asked right now: do so, and run the handler again with its answers.
            call.ReleaseResult();
            LegacyInputBridge.Continue(call, required);
            return;
        }
        if (!call.TryFinish(McpCall.Completed))
        {
            // The client cancelled it (no response, per the spec) or the timeout already answered. Either decided
            // the outcome before it fired the token, so a handler that gave up on its token always lands here.
            call.ReleaseResult();
            call.EndScope();
            return;
        }
        call.OnCompleted();
        call.Connection.InFlight.Remove(call);
        try
        {
            if (!call.Client.IsModern || !InputRequiredResponse.TryRespond(call, failure))
            {
                call.RespondOutcome(failure);
            }
        }
        finally
        {
            call.ReleaseResult();
            // Only the Completed outcome disposes: the cancel and timeout paths may still be touching the source.
            call.DisposeToken();
            call.ReleaseSlot();
            call.EndScope();
            WarnIfSlow(call);
        }
    }

    /// <summary>Warns when a call took longer than <see cref="McpServerOptions.SlowRequestThreshold"/> (the guide's "slow responses").</summary>
    private static void WarnIfSlow(McpCall call)
    {
        var server = call.Connection.Server;
        if (server.Options.SlowRequestThreshold is not TimeSpan threshold) return;
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(call.StartedAt);
        if (elapsed > threshold && server.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Warning))
        {
            var subject = call.Subject;
            var space = subject.IndexOf(' ');
            Diagnostics.McpLog.SlowRequest(server.Logger, subject[..space], subject[(space + 1)..], call.RequestId.ToString(), elapsed.TotalMilliseconds, threshold.TotalMilliseconds);
        }
    }
}
