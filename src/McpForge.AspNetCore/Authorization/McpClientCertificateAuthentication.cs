using System;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpForge.AspNetCore.Authorization;

/// <summary>Options of the client-certificate (mutual TLS) scheme: which certificate authorities it trusts.</summary>
public sealed class McpClientCertificateOptions : AuthenticationSchemeOptions
{
    /// <summary>The scheme's default name.</summary>
    public const string Scheme = "McpClientCertificate";

    /// <summary>The roots (and intermediates) a client certificate must chain to; the system store is not consulted.</summary>
    public X509Certificate2Collection TrustedCertificateAuthorities { get; } = new();

    /// <summary>Check revocation online (OCSP/CRL). Default false: many private CAs publish no revocation lists.</summary>
    public bool CheckRevocation { get; set; }
}

/// <summary>
/// Authenticates a caller by the TLS client certificate Kestrel received (configure Kestrel with
/// <c>ClientCertificateMode.AllowCertificate</c> or <c>RequireCertificate</c>): validity dates, chain to a trusted CA,
/// and the client-authentication key usage, each failure with a reason that says which (the seed guide's
/// "Certificate Authentication Issues"). The caller's name is the certificate's subject.
/// </summary>
internal sealed class McpClientCertificateHandler(IOptionsMonitor<McpClientCertificateOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<McpClientCertificateOptions>(options, logger, encoder)
{
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var certificate = await Context.Connection.GetClientCertificateAsync().ConfigureAwait(false);
        if (certificate is null)
        {
            return AuthenticateResult.Fail("No client certificate was presented; this server requires one (mutual TLS).");
        }
        var subject = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var now = (Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime())
        {
            return AuthenticateResult.Fail($"The client certificate '{subject}' is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}.");
        }
        if (now > certificate.NotAfter.ToUniversalTime())
        {
            return AuthenticateResult.Fail($"The client certificate '{subject}' expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}.");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Options.TrustedCertificateAuthorities);
        chain.ChainPolicy.RevocationMode = Options.CheckRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthentication));
        if (!chain.Build(certificate))
        {
            var status = X509ChainStatusFlags.NoError;
            foreach (var element in chain.ChainStatus) status |= element.Status;
            var selfSigned = certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
            var reason = (status & X509ChainStatusFlags.NotValidForUsage) != 0
                ? $"The client certificate '{subject}' is not meant for client authentication (its extended key usage lacks it)."
                : (status & X509ChainStatusFlags.Revoked) != 0
                    ? $"The client certificate '{subject}' was revoked."
                    : selfSigned
                        ? $"The client certificate '{subject}' is self-signed, and not one of the trusted certificate authorities."
                        : $"The client certificate '{subject}' was not issued by a trusted certificate authority (issuer '{certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true)}').";
            return AuthenticateResult.Fail(reason);
        }

        var identity = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, certificate.Thumbprint, ClaimValueTypes.String, certificate.Issuer));
        identity.AddClaim(new Claim(ClaimTypes.Name, subject, ClaimValueTypes.String, certificate.Issuer));
        identity.AddClaim(new Claim(ClaimTypes.X500DistinguishedName, certificate.Subject, ClaimValueTypes.String, certificate.Issuer));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
