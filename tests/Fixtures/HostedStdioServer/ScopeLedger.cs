using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// A singleton that counts the <see cref="UnitOfWork"/>s made and disposed, so a test sees every call's scope come and
/// go; and a gate a call can wait at, which an in-process test opens.
/// </summary>
public sealed class ScopeLedger
{
    private readonly object _lock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waits = [];
    private int _created;
    private int _disposed;

    public int Created => Volatile.Read(ref _created);

    public int Disposed
    {
        get { lock (_lock) return _disposed; }
    }

    /// <summary>Where a call waits until the test opens it (<see cref="OpenGate"/>).</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set once a call that waited at the gate used its unit after the gate opened.</summary>
    public TaskCompletionSource<string> UsedAfterGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OpenGate() => Gate.TrySetResult();

    public int NextUnit() => Interlocked.Increment(ref _created);

    public void UnitDisposed()
    {
        lock (_lock)
        {
            _disposed++;
            foreach (var (count, reached) in _waits) if (_disposed >= count) reached.TrySetResult();
        }
    }

    /// <summary>Completes once <paramref name="count"/> units were disposed, or throws after <paramref name="within"/>.</summary>
    public async Task WaitDisposedAsync(int count, TimeSpan within)
    {
        TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_disposed >= count) return;
            _waits.Add((count, reached));
        }
        await reached.Task.WaitAsync(within);
    }
}
