using System;
using System.Collections.Generic;
using System.Threading;
using McpForge.Tools;


namespace McpForge.Server;

/// <summary>
/// The timeouts of every tool call running on a server, behind one timer. A call's timeout is an entry in a list
/// instead of a token source, a timer and a registration of its own (about 260 bytes a call; docs/benchmarks.md),
/// and the timer is only moved when a deadline comes before the one it is set for. When it fires, the calls that
/// are due time out (<see cref="ToolCallHandler.OnTimeout"/>) and it is set for the next deadline. Time is the
/// server's <see cref="TimeProvider"/>, so tests move it with a fake clock.
/// </summary>
internal sealed class ToolDeadlines(TimeProvider time)
{
    // Timer periods are unsigned 32-bit milliseconds; a later deadline is reached by firing early and setting again.
    private const long LongestDelay = uint.MaxValue - 1L;

    private readonly object _gate = new();
    private readonly List<McpToolCall> _calls = [];
    private ITimer? _timer;
    private long _setFor = long.MaxValue; // the Now the timer fires at; MaxValue: not set

    public void Add(McpToolCall call, TimeSpan timeout)
    {
        var due = Now + (long)Math.Ceiling(timeout.TotalMilliseconds);
        lock (_gate)
        {
            call.Deadline = due;
            call.DeadlineIndex = _calls.Count;
            _calls.Add(call);
            if (due < _setFor) SetTimer(due);
        }
    }

    /// <summary>Forgets a call's deadline (it completed or was cancelled); a call already removed is left alone.</summary>
    public void Remove(McpToolCall call)
    {
        lock (_gate)
        {
            if (call.DeadlineIndex >= 0) RemoveAt(call.DeadlineIndex);
        }
    }

    /// <summary>Milliseconds on the server's clock.</summary>
    private long Now => (long)time.GetElapsedTime(0).TotalMilliseconds;

    /// <summary>The number of deadlines waiting, for tests.</summary>
    internal int Count
    {
        get
        {
            lock (_gate) return _calls.Count;
        }
    }

    private void RemoveAt(int index)
    {
        var call = _calls[index];
        var last = _calls[^1];
        _calls[index] = last;
        last.DeadlineIndex = index;
        _calls.RemoveAt(_calls.Count - 1);
        call.DeadlineIndex = -1;
    }

    private void SetTimer(long due)
    {
        _setFor = due;
        if (_timer is null)
        {
            // The timer must not carry the ExecutionContext of the call that happened to create it (its spans, its
            // AsyncLocals) into every timeout of the server's life.
            using (ExecutionContext.SuppressFlow())
            {
                _timer = time.CreateTimer(static state => ((ToolDeadlines)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
        _timer.Change(TimeSpan.FromMilliseconds(Math.Clamp(due - Now, 0, LongestDelay)), Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        List<McpToolCall>? due = null;
        lock (_gate)
        {
            var now = Now;
            var next = long.MaxValue;
            // Backwards, so the entry each removal moves into place has been looked at already.
            for (var i = _calls.Count - 1; i >= 0; i--)
            {
                var call = _calls[i];
                if (call.Deadline <= now)
                {
                    (due ??= []).Add(call);
                    RemoveAt(i);
                }
                else if (call.Deadline < next)
                {
                    next = call.Deadline;
                }
            }
            _setFor = long.MaxValue;
            if (next != long.MaxValue) SetTimer(next);
        }
        if (due is null) return;
        foreach (var call in due)
        {
            try
            {
                ToolCallHandler.OnTimeout(call);
            }
            catch (Exception ex)
            {
                // On the timer's thread an exception would end the process; the other calls still get their answer.
                Diagnostics.McpLog.Failed(call.Connection.Server.Logger, $"answering the timeout of tool '{call.Tool.Name}'", ex);
            }
        }
    }
}
