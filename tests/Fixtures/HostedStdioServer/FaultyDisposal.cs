using System;
using System.Threading.Tasks;

/// <summary>A scoped service whose disposal fails: the failure is logged and the call's answer stands.</summary>
public sealed class FaultyDisposal : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        throw new InvalidOperationException("FaultyDisposal could not be disposed");
    }
}
