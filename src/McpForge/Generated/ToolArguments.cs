using System;
using System.ComponentModel;
using System.Text.Json;
using McpForge.Tools;

namespace McpForge.Generated;

/// <summary>
/// What generated argument binders need around the values themselves: walking the <c>arguments</c> object, and
/// recording arguments that are missing, repeated or not declared. The values are read by
/// <see cref="JsonValueReader"/> and by the generated readers of user types.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToolArguments
{
    /// <summary>Moves to the next argument name; false at the end of the <c>arguments</c> object.</summary>
    public static bool NextArgument(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Starts reading <paramref name="arguments"/>, which the server has checked to be a JSON object.</summary>
    public static Utf8JsonReader Begin(ReadOnlySpan<byte> arguments)
    {
        var reader = new Utf8JsonReader(arguments.IsEmpty ? "{}"u8 : arguments);
        reader.Read();
        return reader;
    }

    /// <summary>Handles an argument the tool does not declare: an error, or skipped when the server allows unknown arguments.</summary>
    public static void UnknownArgument(ref Utf8JsonReader reader, JsonReadContext context, string accepted)
    {
        var name = reader.GetString() ?? string.Empty;
        reader.Read();
        reader.Skip();
        if (context.RejectUnknownProperties)
        {
            context.AddMemberError(name,
                accepted.Length == 0 ? "unknown argument; this tool takes no arguments" : "unknown argument; this tool accepts: " + accepted);
        }
    }

    /// <summary>Records that the required argument <paramref name="name"/> is absent.</summary>
    public static void Missing(JsonReadContext context, string name) => context.AddMemberError(name, "required argument is missing");

    /// <summary>Records an argument given twice; the second value is skipped.</summary>
    public static void Duplicate(ref Utf8JsonReader reader, JsonReadContext context, string name)
    {
        reader.Read();
        reader.Skip();
        context.AddMemberError(name, "argument given more than once");
    }
}
