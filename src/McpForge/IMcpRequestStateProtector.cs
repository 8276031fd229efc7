using System;

namespace McpForge;

/// <summary>
/// Seals the <c>requestState</c> of 2026-07-28 <c>input_required</c> results: authenticated encryption, so a client can
/// neither read the answers and handler state it carries nor change them. Every instance that may receive a retry must
/// be able to open what another sealed (one shared key ring). The default is AES-256-GCM with a key made when the
/// server starts (one process); on ASP.NET Core, <c>AddMcpServer</c> uses Data Protection, whose key ring can be
/// shared by several instances.
/// </summary>
public interface IMcpRequestStateProtector
{
    /// <summary>Encrypts and authenticates <paramref name="plaintext"/>.</summary>
    byte[] Protect(ReadOnlySpan<byte> plaintext);

    /// <summary>Opens what <see cref="Protect"/> made; false when it was changed, truncated, or sealed with another key.</summary>
    bool TryUnprotect(ReadOnlySpan<byte> sealedData, out byte[] plaintext);
}
