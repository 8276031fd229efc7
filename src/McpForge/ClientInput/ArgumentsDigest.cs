using System;
using System.Buffers;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;

namespace McpForge.ClientInput;

/// <summary>
/// A SHA-256 of a request's arguments in a canonical form (members sorted, strings re-escaped, no whitespace), so that
/// a retry whose client wrote the same arguments differently still matches the request state it carries, and one with
/// other arguments does not.
/// </summary>
internal static class ArgumentsDigest
{
    public static byte[] Of(ReadOnlySpan<byte> json)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (json.IsEmpty)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                using var document = JsonDocument.Parse(json.ToArray());
                WriteCanonical(writer, document.RootElement);
            }
        }
        return SHA256.HashData(buffer.WrittenSpan);
    }

    /// <summary>The digest of a resource URI (what a <c>resources/read</c> is about).</summary>
    public static byte[] OfText(string text) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) WriteCanonical(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
