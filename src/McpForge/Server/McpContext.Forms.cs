using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Protocol;
using McpForge.Serialization;

namespace McpForge;

public sealed partial class McpContext
{
    /// <summary>
    /// Asks the user to fill in the form <typeparamref name="T"/> (<c>elicitation/create</c>, form mode): a type marked
    /// <c>[McpElicitationForm]</c>, whose restricted schema the generator wrote. An accepted answer is read into a
    /// <typeparamref name="T"/> by generated code; declined and cancelled answers carry none. Throws as
    /// <see cref="ElicitAsync(string, string, TimeSpan?)"/> does, and <see cref="McpClientException"/> when the client's
    /// content does not match the form (every mismatch, with its path, in the message).
    /// </summary>
    public async Task<ElicitationResult<T>> ElicitAsync<T>(string message, TimeSpan? timeout = null) where T : IMcpElicitationForm<T>
    {
        var answer = await ElicitAsync(message, Encoding.UTF8.GetString(T.RequestedSchema), timeout).ConfigureAwait(false);
        if (answer.Action != ElicitationAction.Accept)
        {
            return new ElicitationResult<T>(answer.Action, default);
        }
        if (answer.Content is not { } content)
        {
            throw new McpClientException(0, "The client accepted the form but sent no content.");
        }
        return new ElicitationResult<T>(ElicitationAction.Accept, ReadForm<T>(content));
    }

    /// <summary>Reads accepted form content; a client may leave optional fields out, and send fields the form does not have.</summary>
    private static T ReadForm<T>(JsonElement content) where T : IMcpElicitationForm<T>
    {
        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(content));
        reader.Read();
        var context = new JsonReadContext(rejectUnknownProperties: false, absentNullableIsNull: true);
        if (T.TryRead(ref reader, context, out var value) && !context.HasArgumentErrors)
        {
            return value;
        }
        throw new McpClientException(0, "The client's answer does not match the form: "
            + string.Join("; ", context.ArgumentErrors.Select(e => e.Path + ": " + e.Message)) + ".");
    }
}
