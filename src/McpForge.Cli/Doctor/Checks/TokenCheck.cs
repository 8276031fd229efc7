using System;
using System.Linq;
using System.Text.Json;

namespace McpForge.Cli.Doctor.Checks;

/// <summary>
/// Decodes a bearer token that is a JWT and reports its algorithm, issuer, audience and expiry. The signature is never
/// verified (the doctor has no keys and wants none), and the token itself is never printed.
/// </summary>
internal static class TokenCheck
{
    public static void Run(DoctorRun run, string? token, Uri endpoint)
    {
        if (token is null)
        {
            run.Add(CheckResult.Skip(DoctorCatalog.HttpToken, "no --token given"));
            return;
        }
        var parts = token.Split('.');
        if (parts.Length != 3 || Decode(parts[0]) is not { } header || Decode(parts[1]) is not { } payload)
        {
            run.Add(CheckResult.Pass(DoctorCatalog.HttpToken, $"an opaque token ({token.Length} characters), not a JWT: nothing to decode"));
            return;
        }
        using (header)
        using (payload)
        {
            var claims = payload.RootElement;
            var algorithm = String(header.RootElement, "alg") ?? "?";
            var issuer = String(claims, "iss");
            var audiences = claims.TryGetProperty("aud", out var aud)
                ? aud.ValueKind == JsonValueKind.Array ? aud.EnumerateArray().Select(a => a.ToString()).ToArray() : [aud.ToString()]
                : [];
            var now = DateTimeOffset.UtcNow;
            var expires = Time(claims, "exp");
            var notBefore = Time(claims, "nbf");

            var detail = $"JWT {algorithm}, issuer {issuer ?? "(none)"}, audience {(audiences.Length == 0 ? "(none)" : string.Join(" ", audiences))}, "
                + (expires is { } e ? $"expires {e:yyyy-MM-ddTHH:mm:ssZ} ({Relative(e - now)})" : "no expiry");
            if (expires is { } exp && exp <= now)
                run.Add(CheckResult.Fail(DoctorCatalog.HttpToken, "expired: " + detail));
            else if (notBefore is { } nbf && nbf > now)
                run.Add(CheckResult.Fail(DoctorCatalog.HttpToken, $"not valid before {nbf:yyyy-MM-ddTHH:mm:ssZ}: " + detail));
            else if (audiences.Length > 0 && !audiences.Any(a => NamesServer(a, endpoint)))
                run.Add(CheckResult.Warn(DoctorCatalog.HttpToken, $"the audience does not name {endpoint.GetLeftPart(UriPartial.Authority)}: " + detail));
            else if (expires is { } soon && soon - now < TimeSpan.FromMinutes(5))
                run.Add(CheckResult.Warn(DoctorCatalog.HttpToken, "expires within 5 minutes: " + detail));
            else
                run.Add(CheckResult.Pass(DoctorCatalog.HttpToken, detail));
        }
    }

    /// <summary>RFC 8707: the audience is the server's canonical URI; its origin (or the endpoint itself) is accepted here.</summary>
    private static bool NamesServer(string audience, Uri endpoint) =>
        Uri.TryCreate(audience, UriKind.Absolute, out var uri)
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), endpoint.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    private static JsonDocument? Decode(string part)
    {
        try
        {
            var base64 = part.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var document = JsonDocument.Parse(Convert.FromBase64String(base64));
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            return null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) ? value.ToString() : null;

    private static DateTimeOffset? Time(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static string Relative(TimeSpan span)
    {
        var past = span < TimeSpan.Zero;
        var d = past ? -span : span;
        var text = d.TotalDays >= 2 ? $"{(int)d.TotalDays} days" : d.TotalHours >= 2 ? $"{(int)d.TotalHours} hours" : $"{(int)Math.Ceiling(d.TotalMinutes)} minutes";
        return past ? text + " ago" : "in " + text;
    }
}
