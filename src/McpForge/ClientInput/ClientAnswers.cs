using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using McpForge.Protocol;
using McpForge.Generated;

namespace McpForge.ClientInput;

/// <summary>
/// Reads the client's answers (an <c>ElicitResult</c>, a <c>CreateMessageResult</c>, a <c>ListRootsResult</c>), whether
/// they came as responses to a session's requests or in a 2026-07-28 retry's <c>inputResponses</c>. An answer of the
/// wrong shape throws <see cref="McpClientException"/>; <see cref="Problem"/> says the same without throwing.
/// </summary>
internal static class ClientAnswers
{
    /// <summary>What is wrong with <paramref name="answer"/> as the result of <paramref name="method"/>, or null when nothing is.</summary>
    public static string? Problem(string method, JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object) return $"must be the result of '{method}' (an object)";
        switch (method)
        {
            case "elicitation/create":
                if (!answer.TryGetProperty("action"u8, out var action) || action.ValueKind != JsonValueKind.String
                    || !(action.ValueEquals("accept"u8) || action.ValueEquals("decline"u8) || action.ValueEquals("cancel"u8)))
                {
                    return "must be an ElicitResult, whose \"action\" is accept, decline or cancel";
                }
                if (answer.TryGetProperty("content"u8, out var content) && content.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                {
                    return "must be an ElicitResult, whose \"content\" is an object";
                }
                return null;
            case "sampling/createMessage":
                return answer.TryGetProperty("role"u8, out var role) && role.ValueKind == JsonValueKind.String
                    && answer.TryGetProperty("content"u8, out var message) && message.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                    ? null
                    : "must be a CreateMessageResult, with \"role\" and \"content\"";
            case "roots/list":
                return answer.TryGetProperty("roots"u8, out var roots) && roots.ValueKind == JsonValueKind.Array
                    ? null
                    : "must be a ListRootsResult, with a \"roots\" array";
            default:
                return null;
        }
    }

    public static ElicitationResult Elicitation(JsonElement result)
    {
        var action = result.TryGetProperty("action"u8, out var a) && a.ValueKind == JsonValueKind.String
            ? a.GetString() switch
            {
                "accept" => ElicitationAction.Accept,
                "decline" => ElicitationAction.Decline,
                "cancel" => ElicitationAction.Cancel,
                var other => throw new McpClientException(0, $"The elicitation result's action '{other}' is not accept, decline or cancel."),
            }
            : throw new McpClientException(0, "The elicitation result has no \"action\".");
        JsonElement? content = result.TryGetProperty("content"u8, out var c) && c.ValueKind == JsonValueKind.Object ? c : null;
        return new ElicitationResult(action, action == ElicitationAction.Accept ? content : null);
    }

    public static SamplingResult Sampling(JsonElement result)
    {
        var role = result.TryGetProperty("role"u8, out var r) && r.ValueEquals("user"u8) ? Role.User : Role.Assistant;
        var model = result.TryGetProperty("model"u8, out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : string.Empty;
        var stop = result.TryGetProperty("stopReason"u8, out var sr) && sr.ValueKind == JsonValueKind.String ? sr.GetString() : null;
        if (!result.TryGetProperty("content"u8, out var content) || content.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            throw new McpClientException(0, "The sampling result has no content.");
        }
        var blocks = ContentBlockReader.ReadOneOrMany(content);
        if (blocks.Count == 0) throw new McpClientException(0, "The sampling result has no content.");
        return new SamplingResult(role, blocks, model, stop);
    }

    public static IReadOnlyList<McpRoot> Roots(JsonElement result)
    {
        var roots = new List<McpRoot>();
        if (result.TryGetProperty("roots"u8, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var root in array.EnumerateArray())
            {
                if (root.TryGetProperty("uri"u8, out var uri) && uri.ValueKind == JsonValueKind.String)
                {
                    roots.Add(new McpRoot(uri.GetString()!, root.TryGetProperty("name"u8, out var name) ? name.GetString() : null));
                }
            }
        }
        return roots;
    }

    /// <summary>Reads accepted form content; a client may leave optional fields out, and send fields the form does not have.</summary>
    public static ElicitationResult<T> Form<T>(ElicitationResult answer) where T : IMcpElicitationForm<T>
    {
        if (answer.Action != ElicitationAction.Accept) return new ElicitationResult<T>(answer.Action, default);
        if (answer.Content is not { } content) throw new McpClientException(0, "The client accepted the form but sent no content.");
        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(content));
        reader.Read();
        var context = new JsonReadContext(rejectUnknownProperties: false, absentNullableIsNull: true);
        if (T.TryRead(ref reader, context, out var value) && !context.HasArgumentErrors)
        {
            return new ElicitationResult<T>(ElicitationAction.Accept, value);
        }
        throw new McpClientException(0, "The client's answer does not match the form: "
            + string.Join("; ", context.ArgumentErrors.Select(e => e.Path + ": " + e.Message)) + ".");
    }
}
