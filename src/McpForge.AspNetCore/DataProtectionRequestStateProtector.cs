using System;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace McpForge.AspNetCore;

/// <summary>
/// Seals 2026-07-28 request states with ASP.NET Core Data Protection (authenticated encryption; AES-256-CBC with
/// HMAC-SHA256 by default, AES-256-GCM when the application configures it), under a purpose of its own. Instances that
/// share a key ring (a shared folder, Redis, Azure Key Vault) open each other's states, so a client's retry may reach
/// any of them.
/// </summary>
internal sealed class DataProtectionRequestStateProtector(IDataProtectionProvider provider) : IMcpRequestStateProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("McpForge.RequestState.v1");

    public byte[] Protect(ReadOnlySpan<byte> plaintext) => _protector.Protect(plaintext.ToArray());

    public bool TryUnprotect(ReadOnlySpan<byte> sealedData, out byte[] plaintext)
    {
        try
        {
            plaintext = _protector.Unprotect(sealedData.ToArray());
            return true;
        }
        catch (CryptographicException)
        {
            plaintext = [];
            return false;
        }
    }
}
