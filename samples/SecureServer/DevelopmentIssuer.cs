using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SecureServer;

/// <summary>
/// DEVELOPMENT ONLY. A stand-in authorization server so the sample runs on its own: a signing key made at startup
/// (gone when the process ends) and <c>POST /dev/token</c>, which hands out a token for any subject and scopes to
/// anyone who asks. It is mapped only with <c>--dev-issuer</c>. A real deployment points the bearer handler at its
/// identity provider (<c>Authority</c>) and removes this class.
/// </summary>
internal sealed class DevelopmentIssuer
{
    public DevelopmentIssuer(string issuer) => Issuer = issuer;

    public string Issuer { get; }

    public RsaSecurityKey Key { get; } = new(RSA.Create(2048)) { KeyId = "dev-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) };

    /// <summary>A token for <paramref name="subject"/> with <paramref name="scopes"/>, valid for <paramref name="lifetime"/>, for <paramref name="audience"/>.</summary>
    public string CreateToken(string subject, string scopes, string audience, TimeSpan lifetime)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["scope"] = scopes },
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary><c>POST /dev/token</c> with form fields <c>sub</c> and <c>scope</c>: the token as plain text.</summary>
    public void Map(WebApplication app, string audience) =>
        app.MapPost("/dev/token", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var subject = form["sub"].ToString() is { Length: > 0 } s ? s : "developer";
            var scopes = form["scope"].ToString() is { Length: > 0 } sc ? sc : "notes:read";
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(CreateToken(subject, scopes, audience, TimeSpan.FromMinutes(30)), context.RequestAborted);
        });
}
