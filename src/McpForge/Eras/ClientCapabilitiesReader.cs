using System;
using System.Collections.Generic;
using System.Text.Json;

namespace McpForge.Eras;

/// <summary>
/// Reads a <c>ClientCapabilities</c> object: the <c>capabilities</c> of <c>initialize</c>, or the
/// <c>io.modelcontextprotocol/clientCapabilities</c> of a modern request's <c>_meta</c>. The shapes are the same.
/// </summary>
internal static class ClientCapabilitiesReader
{
    /// <summary>Reads the object at the reader (the caller checked it is one); its extension ids go to <paramref name="extensions"/>.</summary>
    public static McpClientCapabilities Read(ref Utf8JsonReader reader, out string[] extensions)
    {
        extensions = [];
        var capabilities = McpClientCapabilities.None;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return capabilities;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("roots"u8))
            {
                reader.Read();
                capabilities |= IsDeclared(ref reader) ? McpClientCapabilities.Roots | ReadFlags(ref reader, "listChanged"u8, McpClientCapabilities.RootsListChanged) : Skip(ref reader);
            }
            else if (reader.ValueTextEquals("sampling"u8))
            {
                reader.Read();
                capabilities |= IsDeclared(ref reader)
                    ? McpClientCapabilities.Sampling | ReadFlags(ref reader, "tools"u8, McpClientCapabilities.SamplingTools, "context"u8, McpClientCapabilities.SamplingContext)
                    : Skip(ref reader);
            }
            else if (reader.ValueTextEquals("elicitation"u8))
            {
                reader.Read();
                if (!IsDeclared(ref reader))
                {
                    reader.Skip();
                    continue;
                }
                var modes = ReadFlags(ref reader, "form"u8, McpClientCapabilities.Elicitation, "url"u8, McpClientCapabilities.ElicitationUrl);
                // "elicitation": {} (the 2025-06-18 form) means form mode only.
                capabilities |= modes == McpClientCapabilities.None ? McpClientCapabilities.Elicitation : modes;
            }
            else if (reader.ValueTextEquals("extensions"u8))
            {
                reader.Read();
                extensions = ReadExtensionIds(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return capabilities;
    }

    /// <summary>A capability is declared by an object (or <c>true</c>, which some clients send); anything else declares nothing.</summary>
    private static bool IsDeclared(ref Utf8JsonReader reader) => reader.TokenType is JsonTokenType.StartObject or JsonTokenType.True;

    private static McpClientCapabilities Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return McpClientCapabilities.None;
    }

    /// <summary>Which of the named members an object capability has (an object, or <c>true</c>).</summary>
    private static McpClientCapabilities ReadFlags(ref Utf8JsonReader reader, ReadOnlySpan<byte> first, McpClientCapabilities firstFlag,
        ReadOnlySpan<byte> second = default, McpClientCapabilities secondFlag = McpClientCapabilities.None)
    {
        var flags = McpClientCapabilities.None;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return flags;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var flag = reader.ValueTextEquals(first) ? firstFlag
                : !second.IsEmpty && reader.ValueTextEquals(second) ? secondFlag
                : McpClientCapabilities.None;
            reader.Read();
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.True) flags |= flag;
            reader.Skip();
        }
        return flags;
    }

    private static string[] ReadExtensionIds(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return [];
        }
        var ids = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ids.Add(reader.GetString()!);
            reader.Read();
            reader.Skip();
        }
        return [.. ids];
    }
}
