using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace McpForge.TestInfrastructure;

/// <summary>
/// The lines tests wait for in a <see cref="ChildProcess"/>'s output: each completed by the first line it accepts, or
/// failed when the output ends. Not thread-safe: the process calls it under its output's lock.
/// </summary>
internal sealed class OutputWaiters
{
    private readonly List<(Func<string, bool> Match, bool StandardErrorOnly, TaskCompletionSource<string> Seen)> _waiting = [];

    public Task<string> Add(Func<string, bool> match, bool standardErrorOnly)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Add((match, standardErrorOnly, seen));
        return seen.Task;
    }

    public void Saw(string line, bool isStandardError)
    {
        for (var i = _waiting.Count - 1; i >= 0; i--)
        {
            var (match, standardErrorOnly, seen) = _waiting[i];
            if (standardErrorOnly && !isStandardError) continue;
            if (!match(line)) continue;
            seen.TrySetResult(line);
            _waiting.RemoveAt(i);
        }
    }

    public void End(Exception ended)
    {
        foreach (var (_, _, seen) in _waiting) seen.TrySetException(ended);
        _waiting.Clear();
    }
}
