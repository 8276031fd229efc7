using System;
using System.Security.Cryptography;

namespace McpForge.ClientInput;

/// <summary>
/// AES-256-GCM with a random key of this process: <c>nonce (12) | ciphertext | tag (16)</c>, with the purpose as
/// associated data. A state sealed here opens only in this process, so a restarted stdio server asks again.
/// </summary>
internal sealed class AesGcmRequestStateProtector : IMcpRequestStateProtector, IDisposable
{
    private const int NonceBytes = 12, TagBytes = 16;
    private static readonly byte[] s_purpose = "McpForge.RequestState.v1"u8.ToArray();
    private readonly AesGcm _aes = new(RandomNumberGenerator.GetBytes(32), TagBytes);

    public byte[] Protect(ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        _aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(NonceBytes + plaintext.Length), s_purpose);
        return output;
    }

    public bool TryUnprotect(ReadOnlySpan<byte> sealedData, out byte[] plaintext)
    {
        plaintext = [];
        if (sealedData.Length < NonceBytes + TagBytes) return false;
        var length = sealedData.Length - NonceBytes - TagBytes;
        var output = new byte[length];
        try
        {
            _aes.Decrypt(sealedData[..NonceBytes], sealedData.Slice(NonceBytes, length), sealedData[(NonceBytes + length)..], output, s_purpose);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        plaintext = output;
        return true;
    }

    public void Dispose() => _aes.Dispose();
}
