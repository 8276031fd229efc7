using System.Globalization;
using System.Text;

namespace McpForge.Generators.Helpers;

/// <summary>
/// The property naming policies of <c>McpPropertyNaming</c>, applied at compile time. They give the names
/// System.Text.Json's <c>JsonNamingPolicy</c> of the same name gives (a property test compares them), so a user's
/// <c>JsonSerializerContext</c> with that policy and the generated serializers agree.
/// </summary>
internal static class JsonNaming
{
    // McpPropertyNaming's values, in declaration order.
    public const int CamelCase = 0, AsDeclared = 1, SnakeCaseLower = 2, SnakeCaseUpper = 3, KebabCaseLower = 4, KebabCaseUpper = 5;

    public static string Convert(string name, int policy) => policy switch
    {
        AsDeclared => name,
        SnakeCaseLower => Separated(name, '_', lowercase: true),
        SnakeCaseUpper => Separated(name, '_', lowercase: false),
        KebabCaseLower => Separated(name, '-', lowercase: true),
        KebabCaseUpper => Separated(name, '-', lowercase: false),
        _ => Camel(name),
    };

    /// <summary>Lower-cases the leading run of capitals, keeping the last one when a lower-case letter follows it (<c>URLValue</c> → <c>urlValue</c>).</summary>
    private static string Camel(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0])) return name;
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i])) break;
            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ') chars[i] = char.ToLowerInvariant(chars[i]);
                break;
            }
            chars[i] = char.ToLowerInvariant(chars[i]);
        }
        return new string(chars);
    }

    private enum State { NotStarted, Upper, LowerOrDigit, Space }

    /// <summary>Words split where case changes (<c>URLValue2Go</c> → <c>url_value2_go</c>); other punctuation is kept and starts a new word.</summary>
    private static string Separated(string name, char separator, bool lowercase)
    {
        var text = new StringBuilder(name.Length + 8);
        var state = State.NotStarted;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            switch (char.GetUnicodeCategory(c))
            {
                case UnicodeCategory.UppercaseLetter:
                    if (state is State.LowerOrDigit or State.Space
                        || (state == State.Upper && i + 1 < name.Length && char.IsLower(name[i + 1])))
                    {
                        text.Append(separator);
                    }
                    text.Append(lowercase ? char.ToLowerInvariant(c) : c);
                    state = State.Upper;
                    break;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    if (state == State.Space) text.Append(separator);
                    text.Append(!lowercase && char.IsLower(c) ? char.ToUpperInvariant(c) : c);
                    state = State.LowerOrDigit;
                    break;
                case UnicodeCategory.SpaceSeparator:
                    if (state != State.NotStarted) state = State.Space;
                    break;
                default:
                    text.Append(c);
                    state = State.NotStarted;
                    break;
            }
        }
        return text.ToString();
    }
}
