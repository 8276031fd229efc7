using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using McpForge.AspNetCore.ScaleOut;

namespace McpForge.AspNetCore.Redis;

/// <summary>
/// The <c>McpForge-Forwarded</c> header an instance puts on a request it forwards: <c>{sender};{unix ms};{signature}</c>,
/// the signature an HMAC-SHA256 with the fleet's key over the sender, the time, the method and the session id. The
/// owner serves a request that carries a valid one as forwarded (it never forwards it again, so no loop can form),
/// refuses one whose signature fails or whose time is too far off (a forgery, or a replay), and one it sent itself.
/// </summary>
internal sealed class ForwardingSignature(byte[] key, string instanceId, TimeProvider time, TimeSpan maxSkew)
{
    public const string Header = "McpForge-Forwarded";

    public string Sign(string method, string sessionId)
    {
        var at = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return instanceId + ";" + at + ";" + Mac(instanceId, at, method, sessionId);
    }

    public McpForwardCheck Check(string? header, string method, string sessionId)
    {
        if (string.IsNullOrEmpty(header)) return McpForwardCheck.Direct;
        var parts = header.Split(';');
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var at)) return McpForwardCheck.Forged;
        var expected = Encoding.ASCII.GetBytes(Mac(parts[0], parts[1], method, sessionId));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2]))) return McpForwardCheck.Forged;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(at);
        if (age.Duration() > maxSkew) return McpForwardCheck.Forged;
        return parts[0] == instanceId ? McpForwardCheck.Looped : McpForwardCheck.Authentic;
    }

    private string Mac(string sender, string at, string method, string sessionId) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(sender + "\n" + at + "\n" + method + "\n" + sessionId)));
}
