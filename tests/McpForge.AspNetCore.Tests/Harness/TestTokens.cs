using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpForge.AspNetCore.Tests.Harness;

/// <summary>Access tokens signed with a key made for the tests, as a local test issuer would issue them.</summary>
internal static class TestTokens
{
    public const string Issuer = "https://issuer.test";
    public const string Resource = "http://mcp.test/mcp";
    public static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test-key" };
    public static readonly RsaSecurityKey OtherKey = new(RSA.Create(2048)) { KeyId = "test-key" };

    public static string Create(string subject = "alice", string scope = "notes:read", string issuer = Issuer, string audience = Resource,
        DateTime? notBefore = null, DateTime? expires = null, RsaSecurityKey? key = null, IDictionary<string, object>? claims = null)
    {
        var now = DateTime.UtcNow;
        var all = new Dictionary<string, object> { ["sub"] = subject, ["scope"] = scope };
        foreach (var (name, value) in claims ?? new Dictionary<string, object>()) all[name] = value;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(10),
            Claims = all,
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>An unsigned token (<c>"alg": "none"</c>) with valid claims: must never be accepted.</summary>
    public static string Unsigned()
    {
        static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        return Encode("""{"alg":"none","typ":"JWT"}""") + "." +
            Encode($$"""{"sub":"mallory","scope":"notes:read notes:write","iss":"{{Issuer}}","aud":"{{Resource}}","exp":{{exp}}}""") + ".";
    }
}
