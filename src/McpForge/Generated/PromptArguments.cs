using System;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using McpForge.Prompts;

namespace McpForge.Generated;

/// <summary>
/// What generated prompt binders call. Prompt arguments are strings on the wire (MCP <c>prompts/get</c>); typed
/// parameters are parsed from them with the invariant culture, and every failure is recorded with its path.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PromptArguments
{
    /// <summary>Starts reading <paramref name="arguments"/>, which the server has checked to be a JSON object.</summary>
    public static Utf8JsonReader Begin(ReadOnlySpan<byte> arguments)
    {
        var reader = new Utf8JsonReader(arguments.IsEmpty ? "{}"u8 : arguments);
        reader.Read();
        return reader;
    }

    /// <summary>Moves to the next argument name; false at the end of the object.</summary>
    public static bool NextArgument(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Reads the argument's string value (prompt arguments are strings), or records an error.</summary>
    public static bool TryReadString(ref Utf8JsonReader reader, McpPromptCall call, string path, out string value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            value = reader.GetString()!;
            return true;
        }
        reader.Skip();
        call.AddArgumentError(path, "expected a string (prompt arguments are strings)");
        value = string.Empty;
        return false;
    }

    /// <summary>Parses a typed argument (numbers, booleans, UUIDs, dates) from its string.</summary>
    public static bool TryParse<T>(ref Utf8JsonReader reader, McpPromptCall call, string path, out T value) where T : ISpanParsable<T>
    {
        if (TryReadString(ref reader, call, path, out var text) && T.TryParse(text, CultureInfo.InvariantCulture, out value!))
        {
            return true;
        }
        if (reader.TokenType == JsonTokenType.String)
        {
            call.AddArgumentError(path, $"'{text}' is not a valid {typeof(T).Name}");
        }
        value = default!;
        return false;
    }

    /// <summary>Records an enum value that is not one of the names.</summary>
    public static bool InvalidEnum<T>(McpPromptCall call, string path, string given, string allowed, out T value)
    {
        call.AddArgumentError(path, $"'{given}' is not one of: {allowed}");
        value = default!;
        return false;
    }

    /// <summary>Records that a required argument is absent.</summary>
    public static void Missing(McpPromptCall call, string path) => call.AddArgumentError(path, "required argument is missing");

    /// <summary>Records an argument the prompt does not declare.</summary>
    public static void UnknownArgument(ref Utf8JsonReader reader, McpPromptCall call, string accepted)
    {
        var name = reader.GetString() ?? string.Empty;
        reader.Read();
        reader.Skip();
        call.AddArgumentError("/" + name, accepted.Length == 0 ? "unknown argument; this prompt takes no arguments" : "unknown argument; this prompt accepts: " + accepted);
    }
}
