using System;
using System.Globalization;
using System.Text.RegularExpressions;

using McpForge.Server;

namespace McpForge.Tools;

/// <summary>
/// The DataAnnotations checks generated binders run after binding, before the method: each failure is recorded
/// with its path, and the method does not run. Semantics follow System.ComponentModel.DataAnnotations.
/// </summary>
public static class ToolValidation
{
    /// <summary><c>[Range]</c>: <paramref name="value"/> within the bounds (inclusive unless marked exclusive).</summary>
    public static void Range(McpCall call, string path, double value, double minimum, double maximum, bool minimumIsExclusive = false, bool maximumIsExclusive = false)
    {
        var tooLow = minimumIsExclusive ? value <= minimum : value < minimum;
        var tooHigh = maximumIsExclusive ? value >= maximum : value > maximum;
        if (tooLow || tooHigh)
        {
            call.AddArgumentError(path, string.Create(CultureInfo.InvariantCulture,
                $"must be {(minimumIsExclusive ? "greater than" : "at least")} {minimum} and {(maximumIsExclusive ? "less than" : "at most")} {maximum}, got {value}"));
        }
    }

    /// <summary>Length of a string or count of a collection within bounds (<c>[StringLength]</c>, <c>[MinLength]</c>, <c>[MaxLength]</c>, <c>[Length]</c>).</summary>
    public static void Length(McpCall call, string path, int length, int minimum, int maximum, string unit)
    {
        if (length < minimum || length > maximum)
        {
            var bounds = maximum == int.MaxValue ? $"at least {minimum}" : minimum == 0 ? $"at most {maximum}" : $"between {minimum} and {maximum}";
            call.AddArgumentError(path, string.Create(CultureInfo.InvariantCulture, $"must have {bounds} {unit}, got {length}"));
        }
    }

    /// <summary><c>[RegularExpression]</c>: the whole value matches (as DataAnnotations checks it).</summary>
    public static void Pattern(McpCall call, string path, string value, Regex pattern)
    {
        var match = pattern.Match(value);
        if (!match.Success || match.Index != 0 || match.Length != value.Length)
        {
            call.AddArgumentError(path, $"must match the pattern {pattern}");
        }
    }

    /// <summary><c>[EmailAddress]</c>: one '@' with text on both sides (the DataAnnotations rule).</summary>
    public static void Email(McpCall call, string path, string value)
    {
        var at = value.IndexOf('@');
        if (at <= 0 || at == value.Length - 1 || at != value.LastIndexOf('@') || value.Contains('\r') || value.Contains('\n'))
        {
            call.AddArgumentError(path, "must be an email address");
        }
    }

    /// <summary><c>[Url]</c>: an absolute http, https or ftp URL.</summary>
    public static void Url(McpCall call, string path, string value)
    {
        if (!System.Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "ftp"))
        {
            call.AddArgumentError(path, "must be an absolute http, https or ftp URL");
        }
    }

    /// <summary><c>[Base64String]</c>.</summary>
    public static void Base64(McpCall call, string path, string value)
    {
        Span<byte> scratch = value.Length <= 1024 ? stackalloc byte[value.Length] : new byte[value.Length];
        if (!Convert.TryFromBase64String(value, scratch, out _))
        {
            call.AddArgumentError(path, "must be base64");
        }
    }

    /// <summary><c>[AllowedValues]</c> and <c>[DeniedValues]</c>: generated code decides, this records it.</summary>
    public static void NotAllowed(McpCall call, string path, string allowed) => call.AddArgumentError(path, "must be one of: " + allowed);

    /// <summary>A denied value was given.</summary>
    public static void Denied(McpCall call, string path, string denied) => call.AddArgumentError(path, "must not be any of: " + denied);
}
