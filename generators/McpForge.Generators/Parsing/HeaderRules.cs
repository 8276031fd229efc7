using System;
using McpForge.Generators.Model;

namespace McpForge.Generators.Parsing;

/// <summary>
/// What MCP 2026-07-28 allows for <c>x-mcp-header</c> ("Custom Headers from Tool Parameters"): a non-empty RFC 9110
/// token, unique within a tool regardless of case, on a parameter of a primitive type (string, boolean, integer within
/// JavaScript's safe range; not number). One home for the rules the generator and the analyzers both apply.
/// </summary>
internal static class HeaderRules
{
    /// <summary>The largest integer JavaScript holds exactly (2^53 − 1).</summary>
    private const long MaxSafeInteger = 9007199254740991;

    /// <summary>Why <paramref name="name"/> is not an RFC 9110 token (<c>1*tchar</c>), or null when it is one.</summary>
    public static string? NameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "a header name cannot be empty";
        foreach (var c in name!)
        {
            if (!IsTokenChar(c))
            {
                return char.IsControl(c) || c > '~'
                    ? $"it contains the character U+{(int)c:X4}; a header name is an RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~"
                    : $"it contains '{c}'; a header name is an RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~";
            }
        }
        return null;
    }

    /// <summary>RFC 9110 section 5.6.2 <c>tchar</c>.</summary>
    private static bool IsTokenChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    /// <summary>
    /// Why a parameter of shape <paramref name="value"/> cannot be mirrored in a header, or null when it can. An integer
    /// type wider than the safe range passes when <c>[Range]</c> (<paramref name="constraints"/>) keeps it within.
    /// </summary>
    public static string? TypeProblem(ValueSpec value, ConstraintSpec? constraints) => value.Kind switch
    {
        ValueKind.String or ValueKind.Boolean or ValueKind.Enum or ValueKind.Char or ValueKind.Guid or ValueKind.Uri
            or ValueKind.DateTime or ValueKind.DateTimeOffset or ValueKind.DateOnly or ValueKind.TimeOnly or ValueKind.TimeSpan => null,
        ValueKind.Integer => IsSafe(constraints?.Minimum ?? value.Minimum) && IsSafe(constraints?.Maximum ?? value.Maximum) ? null
            : "its values can leave JavaScript's safe integer range (±(2^53−1)), which a header value must stay within; use int, a [Range] within it, or a string",
        ValueKind.Number => "it is a JSON number, which MCP does not allow in a header (integers only)",
        ValueKind.Array or ValueKind.List or ValueKind.Set => "it is an array",
        ValueKind.Dictionary or ValueKind.Object => "it is an object",
        ValueKind.Bytes => "it is binary data",
        _ => "it is any JSON",
    };

    private static bool IsSafe(string? bound) =>
        bound is not null && decimal.TryParse(bound, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n >= -MaxSafeInteger && n <= MaxSafeInteger;

    /// <summary>Header names compare as HTTP compares them: ignoring ASCII case.</summary>
    public static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
