using System;
using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;
using McpForge.Tools;

namespace McpForge.Generated;

/// <summary>
/// The DataAnnotations checks generated readers run once an object's members (or a tool's arguments) are bound,
/// before the method: each failure is recorded at the member's path, and the method does not run. Semantics follow
/// System.ComponentModel.DataAnnotations.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToolValidation
{
    /// <summary><c>[Range]</c>: <paramref name="value"/> within the bounds (inclusive unless marked exclusive).</summary>
    public static void Range(JsonReadContext context, string member, double value, double minimum, double maximum, bool minimumIsExclusive = false, bool maximumIsExclusive = false)
    {
        var tooLow = minimumIsExclusive ? value <= minimum : value < minimum;
        var tooHigh = maximumIsExclusive ? value >= maximum : value > maximum;
        if (tooLow || tooHigh)
        {
            context.AddMemberError(member, string.Create(CultureInfo.InvariantCulture,
                $"must be {(minimumIsExclusive ? "greater than" : "at least")} {minimum} and {(maximumIsExclusive ? "less than" : "at most")} {maximum}, got {value}"));
        }
    }

    /// <summary>Length of a string or count of a collection within bounds (<c>[StringLength]</c>, <c>[MinLength]</c>, <c>[MaxLength]</c>, <c>[Length]</c>).</summary>
    public static void Length(JsonReadContext context, string member, int length, int minimum, int maximum, string unit)
    {
        if (length < minimum || length > maximum)
        {
            var bounds = maximum == int.MaxValue ? $"at least {minimum}" : minimum == 0 ? $"at most {maximum}" : $"between {minimum} and {maximum}";
            context.AddMemberError(member, string.Create(CultureInfo.InvariantCulture, $"must have {bounds} {unit}, got {length}"));
        }
    }

    /// <summary><c>[RegularExpression]</c>: the whole value matches (as DataAnnotations checks it).</summary>
    public static void Pattern(JsonReadContext context, string member, string value, Regex pattern)
    {
        var match = pattern.Match(value);
        if (!match.Success || match.Index != 0 || match.Length != value.Length)
        {
            context.AddMemberError(member, $"must match the pattern {pattern}");
        }
    }

    /// <summary><c>[EmailAddress]</c>: one '@' with text on both sides (the DataAnnotations rule).</summary>
    public static void Email(JsonReadContext context, string member, string value)
    {
        var at = value.IndexOf('@');
        if (at <= 0 || at == value.Length - 1 || at != value.LastIndexOf('@') || value.Contains('\r') || value.Contains('\n'))
        {
            context.AddMemberError(member, "must be an email address");
        }
    }

    /// <summary><c>[Url]</c>: an absolute http, https or ftp URL.</summary>
    public static void Url(JsonReadContext context, string member, string value)
    {
        if (!System.Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "ftp"))
        {
            context.AddMemberError(member, "must be an absolute http, https or ftp URL");
        }
    }

    /// <summary><c>[Base64String]</c>.</summary>
    public static void Base64(JsonReadContext context, string member, string value)
    {
        Span<byte> scratch = value.Length <= 1024 ? stackalloc byte[value.Length] : new byte[value.Length];
        if (!Convert.TryFromBase64String(value, scratch, out _))
        {
            context.AddMemberError(member, "must be base64");
        }
    }

    /// <summary><c>[Required]</c> on a string: not empty or white space (unless <c>AllowEmptyStrings</c>).</summary>
    public static void NotEmpty(JsonReadContext context, string member, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            context.AddMemberError(member, "must not be empty");
        }
    }

    /// <summary><c>[AllowedValues]</c> and <c>[DeniedValues]</c>: generated code decides, this records it.</summary>
    public static void NotAllowed(JsonReadContext context, string member, string allowed) => context.AddMemberError(member, "must be one of: " + allowed);

    /// <summary>A denied value was given.</summary>
    public static void Denied(JsonReadContext context, string member, string denied) => context.AddMemberError(member, "must not be any of: " + denied);
}
