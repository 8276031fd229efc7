using System;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// A scoped service, as an EF Core <c>DbContext</c> is: one per call, disposed asynchronously when the call ends; using
/// it after that throws, as a disposed context does.
/// </summary>
public sealed class UnitOfWork(ScopeLedger ledger) : IAsyncDisposable
{
    private int _disposed;

    public int Id { get; } = ledger.NextUnit();

    /// <summary>What a middleware of the HTTP request put in this scope, if one did.</summary>
    public string? Tag { get; set; }

    public void Use() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);

    public async ValueTask DisposeAsync()
    {
        await Task.Yield(); // disposal that does not complete synchronously, as closing a connection does not
        if (Interlocked.Exchange(ref _disposed, 1) == 0) ledger.UnitDisposed();
    }
}
