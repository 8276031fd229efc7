using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace McpForge.Eras;

/// <summary>
/// The client profile of the last 2026-07-28 request a server read. A client sends the same <c>_meta</c> on every
/// request, so a request that repeats it byte for byte gets that profile without reading it again, and one whose
/// <c>_meta</c> differs only in what a profile does not keep (a <c>progressToken</c>, a <c>traceparent</c>) gets it after
/// reading. A profile of a modern request never changes (it has no <c>logging/setLevel</c>), so requests on any thread
/// may share it.
/// </summary>
internal sealed class ClientProfileCache
{
    /// <summary>
    /// The bytes of a <c>_meta</c> read and found valid, and the profile they describe. They came from a message found to be
    /// UTF-8 text without a lone surrogate escape, so a message that repeats them need not check them as text again
    /// (<see cref="Transports.JsonRpcEnvelope"/>), unless they hold an escape at all (<see cref="HasEscape"/>), whose meaning
    /// could depend on what precedes them.
    /// </summary>
    internal sealed record Entry(byte[] Meta, ClientProfile Profile, bool HasProgressToken)
    {
        /// <summary>The bytes hold a backslash: a message that repeats them is scanned for escapes whole.</summary>
        public bool HasEscape { get; } = Meta.AsSpan().Contains((byte)'\\');
    }

    private Entry? _last;

    /// <summary>
    /// The last <c>_meta</c> read, found valid, when it holds nothing of one request alone (no <c>progressToken</c>): a
    /// request that repeats it byte for byte may step over it unread (<see cref="JsonRpc.RepeatedObjectSkip"/>), and its
    /// envelope then carries this entry (<see cref="Transports.JsonRpcEnvelope.KnownMeta"/>), profile included, so that
    /// nothing compares those bytes again. Null before the first 2026-07-28 request.
    /// </summary>
    public Entry? Known => Volatile.Read(ref _last) is { HasProgressToken: false } last ? last : null;

    /// <summary>The profile <paramref name="meta"/> (the value of <c>params._meta</c>) describes, or why it is malformed.</summary>
    public bool TryGet(ReadOnlySpan<byte> meta, [NotNullWhen(true)] out ClientProfile? profile, out string problem)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && JsonRpc.ByteBlocks.Equal(meta, last.Meta))
        {
            profile = last.Profile;
            problem = "";
            return true;
        }
        if (!RequestMeta.TryRead(meta, last?.Profile.ClientInfo, out var read, out problem))
        {
            profile = null;
            return false;
        }
        if (last is not null && last.Profile.Describes(read))
        {
            // Not worth keeping these bytes: they differ from the last ones in a field of this request only.
            profile = last.Profile;
            return true;
        }
        profile = ClientProfile.Modern(read);
        Volatile.Write(ref _last, new Entry(meta.ToArray(), profile, read.HasProgressToken));
        return true;
    }
}
