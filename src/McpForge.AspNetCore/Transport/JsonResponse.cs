using System;
using System.Buffers;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace McpForge.AspNetCore.Transport;

/// <summary>One JSON body, written whole and sent with its length: error answers, health, metadata (none of them per message).</summary>
internal static class JsonResponse
{
    /// <summary>As McpForge writes its messages: non-ASCII text as is, so a body reads the same over stdio and HTTP.</summary>
    private static readonly JsonWriterOptions s_options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync<TState>(HttpContext context, TState state, Action<Utf8JsonWriter, TState> write)
    {
        var response = context.Response;
        response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, s_options))
        {
            write(json, state);
        }
        response.ContentLength = buffer.WrittenCount;
        response.BodyWriter.Write(buffer.WrittenSpan);
        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
