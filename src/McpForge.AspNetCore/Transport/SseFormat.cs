using System;
using System.Buffers;
using System.Globalization;
using System.Text;

namespace McpForge.AspNetCore.Transport;

/// <summary>
/// Server-Sent Events framing of MCP messages. Messages are compact JSON, which never holds a raw line break, so each
/// fits one <c>data:</c> line.
/// </summary>
internal static class SseFormat
{
    /// <summary><c>id: …</c> (when resumable), <c>event: message</c>, <c>data: …</c>, blank line.</summary>
    public static void WriteMessage(IBufferWriter<byte> output, string? id, ReadOnlySpan<byte> message)
    {
        if (id is not null) WriteField(output, "id: "u8, id);
        output.Write("event: message\ndata: "u8);
        output.Write(message);
        output.Write("\n\n"u8);
    }

    /// <summary>
    /// The priming event (SEP-1699): an id and empty data, so the client can resume from the very start, and the
    /// reconnection delay it must honour.
    /// </summary>
    public static void WritePriming(IBufferWriter<byte> output, string id, TimeSpan retry)
    {
        WriteField(output, "id: "u8, id);
        output.Write("retry: "u8);
        WriteAscii(output, ((long)retry.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        output.Write("\ndata: \n\n"u8);
    }

    /// <summary>A comment line: ignored by clients, it keeps proxies from closing an idle stream and shows a dead client.</summary>
    public static void WriteKeepAlive(IBufferWriter<byte> output) => output.Write(": keep-alive\n\n"u8);

    private static void WriteField(IBufferWriter<byte> output, ReadOnlySpan<byte> name, string value)
    {
        output.Write(name);
        WriteAscii(output, value);
        output.Write("\n"u8);
    }

    private static void WriteAscii(IBufferWriter<byte> output, string value)
    {
        var span = output.GetSpan(value.Length);
        var written = Encoding.ASCII.GetBytes(value, span);
        output.Advance(written);
    }
}
