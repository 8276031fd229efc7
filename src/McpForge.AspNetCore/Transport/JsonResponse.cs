using System;
using System.Buffers;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.JsonRpc;
using Microsoft.AspNetCore.Http;

namespace McpForge.AspNetCore.Transport;

/// <summary>One JSON body, written into a pooled buffer and sent whole with its length: error answers, health, metadata.</summary>
internal static class JsonResponse
{
    public static async Task WriteAsync<TState>(HttpContext context, TState state, Action<Utf8JsonWriter, TState> write)
    {
        var response = context.Response;
        response.ContentType = "application/json";
        var buffer = MessageBuffer.Rent();
        try
        {
            write(buffer.Json, state);
            var bytes = buffer.WrittenSpan;
            response.ContentLength = bytes.Length;
            response.BodyWriter.Write(bytes);
        }
        finally
        {
            buffer.Return();
        }
        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
