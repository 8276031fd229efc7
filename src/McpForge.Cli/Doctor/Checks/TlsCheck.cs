using System;
using System.Globalization;
using System.Linq;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Cli.Doctor.Checks;

/// <summary>For https URLs: the certificate the server presents, whether this machine trusts it, and the days left.</summary>
internal static class TlsCheck
{
    public static async Task RunAsync(DoctorRun run, Uri endpoint, CancellationToken cancellationToken)
    {
        if (endpoint.Scheme != Uri.UriSchemeHttps)
        {
            run.Add(CheckResult.Skip(DoctorCatalog.HttpTls, "not an https URL"));
            return;
        }
        run.Progress("TLS certificate");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(run.Options.RequestTimeout);
        X509Certificate2? certificate = null;
        var errors = SslPolicyErrors.None;
        string chainProblems = "";
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token).ConfigureAwait(false);
            using var ssl = new SslStream(tcp.GetStream(), false, (_, cert, chain, policyErrors) =>
            {
                // Accept for the look; the verdict is reported, not enforced here.
                if (cert is not null) certificate = new X509Certificate2(cert);
                errors = policyErrors;
                chainProblems = chain is null ? "" : string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
                return true;
            });
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endpoint.IdnHost }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or System.IO.IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            run.Add(CheckResult.Fail(DoctorCatalog.HttpTls, "the TLS handshake failed: " + e.Message));
            return;
        }

        if (certificate is null)
        {
            run.Add(CheckResult.Fail(DoctorCatalog.HttpTls, "the server presented no certificate"));
            return;
        }
        using (certificate)
        {
            var days = (int)Math.Floor((certificate.NotAfter.ToUniversalTime() - DateTime.UtcNow).TotalDays);
            var expiry = certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var who = $"{certificate.GetNameInfo(X509NameType.SimpleName, false)} issued by {certificate.GetNameInfo(X509NameType.SimpleName, true)}";
            if (DateTime.UtcNow > certificate.NotAfter.ToUniversalTime())
                run.Add(CheckResult.Fail(DoctorCatalog.HttpTls, $"{who} expired on {expiry} ({-days} days ago)"));
            else if (DateTime.UtcNow < certificate.NotBefore.ToUniversalTime())
                run.Add(CheckResult.Fail(DoctorCatalog.HttpTls, $"{who} is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd}"));
            else if (errors != SslPolicyErrors.None)
                run.Add(CheckResult.Fail(DoctorCatalog.HttpTls, $"{who} is not trusted here ({Describe(errors)}{(chainProblems.Length > 0 ? ": " + chainProblems : "")}); expires {expiry}, in {days} days"));
            else if (days < run.Options.CertificateWarningDays)
                run.Add(CheckResult.Warn(DoctorCatalog.HttpTls, $"{who} expires on {expiry}, in {days} days"));
            else
                run.Add(CheckResult.Pass(DoctorCatalog.HttpTls, $"{who}, expires on {expiry}, in {days} days"));
        }
    }

    private static string Describe(SslPolicyErrors errors)
    {
        var parts = new System.Collections.Generic.List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) parts.Add("the name does not match the URL");
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)) parts.Add("chain errors");
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)) parts.Add("no certificate");
        return string.Join(", ", parts);
    }
}
