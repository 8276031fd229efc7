using System.Globalization;
using System.Text;

namespace McpForge.Generators.Helpers;

/// <summary>
/// Checks and compacts JSON written by hand in an attribute (a raw <c>InputSchema</c>), at compile time: the generator
/// has no System.Text.Json, and the text goes verbatim into a UTF-8 literal, so it must be valid and on one line.
/// </summary>
internal static class JsonSyntax
{
    /// <summary>The JSON without insignificant whitespace, or null with the reason and position in <paramref name="error"/>.</summary>
    public static string? TryCompact(string json, out string? error)
    {
        var output = new StringBuilder(json.Length);
        var position = 0;
        error = null;
        SkipWhitespace(json, ref position);
        if (!Value(json, ref position, output, depth: 0, ref error)) return null;
        SkipWhitespace(json, ref position);
        if (position < json.Length)
        {
            error = Describe("unexpected text after the end", position);
            return null;
        }
        return output.ToString();
    }

    private static bool Value(string s, ref int i, StringBuilder output, int depth, ref string? error)
    {
        if (depth > 64)
        {
            error = Describe("nesting is deeper than 64 levels", i);
            return false;
        }
        if (i >= s.Length)
        {
            error = Describe("a value was expected", i);
            return false;
        }
        switch (s[i])
        {
            case '{': return Container(s, ref i, output, depth, '}', isObject: true, ref error);
            case '[': return Container(s, ref i, output, depth, ']', isObject: false, ref error);
            case '"': return String(s, ref i, output, ref error);
            case 't': return Literal(s, ref i, output, "true", ref error);
            case 'f': return Literal(s, ref i, output, "false", ref error);
            case 'n': return Literal(s, ref i, output, "null", ref error);
            default: return Number(s, ref i, output, ref error);
        }
    }

    private static bool Container(string s, ref int i, StringBuilder output, int depth, char close, bool isObject, ref string? error)
    {
        output.Append(s[i++]);
        SkipWhitespace(s, ref i);
        if (i < s.Length && s[i] == close)
        {
            output.Append(s[i++]);
            return true;
        }
        while (true)
        {
            if (isObject)
            {
                if (i >= s.Length || s[i] != '"')
                {
                    error = Describe("a property name (a string) was expected", i);
                    return false;
                }
                if (!String(s, ref i, output, ref error)) return false;
                SkipWhitespace(s, ref i);
                if (i >= s.Length || s[i] != ':')
                {
                    error = Describe("':' was expected", i);
                    return false;
                }
                output.Append(s[i++]);
                SkipWhitespace(s, ref i);
            }
            if (!Value(s, ref i, output, depth + 1, ref error)) return false;
            SkipWhitespace(s, ref i);
            if (i < s.Length && s[i] == ',')
            {
                output.Append(s[i++]);
                SkipWhitespace(s, ref i);
                continue;
            }
            if (i < s.Length && s[i] == close)
            {
                output.Append(s[i++]);
                return true;
            }
            error = Describe($"',' or '{close}' was expected", i);
            return false;
        }
    }

    private static bool String(string s, ref int i, StringBuilder output, ref string? error)
    {
        var start = i++;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"')
            {
                output.Append(s, start, ++i - start);
                return true;
            }
            if (c < ' ')
            {
                error = Describe("a control character inside a string must be escaped", i);
                return false;
            }
            if (c == '\\')
            {
                if (i + 1 >= s.Length || "\"\\/bfnrtu".IndexOf(s[i + 1]) < 0)
                {
                    error = Describe("an invalid escape sequence", i);
                    return false;
                }
                i += s[i + 1] == 'u' ? 6 : 2;
                continue;
            }
            i++;
        }
        error = Describe("a string is not closed", start);
        return false;
    }

    private static bool Literal(string s, ref int i, StringBuilder output, string literal, ref string? error)
    {
        if (string.CompareOrdinal(s, i, literal, 0, literal.Length) != 0)
        {
            error = Describe("a value was expected", i);
            return false;
        }
        output.Append(literal);
        i += literal.Length;
        return true;
    }

    private static bool Number(string s, ref int i, StringBuilder output, ref string? error)
    {
        var start = i;
        while (i < s.Length && "+-0123456789.eE".IndexOf(s[i]) >= 0) i++;
        var text = s.Substring(start, i - start);
        if (text.Length == 0 || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || text[0] == '+' || text.StartsWith(".") || text.EndsWith("."))
        {
            error = Describe("a value was expected", start);
            return false;
        }
        output.Append(text);
        return true;
    }

    private static void SkipWhitespace(string s, ref int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t' or '\r' or '\n') i++;
    }

    private static string Describe(string what, int position) =>
        what + " at character " + position.ToString(CultureInfo.InvariantCulture);
}
