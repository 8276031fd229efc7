using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.JsonRpc;
using McpForge.Completions;

namespace McpForge.Server;

internal sealed partial class McpSession
{
    /// <summary>The most values one <c>completion/complete</c> result may carry (MCP schema).</summary>
    private const int MaxCompletionValues = 100;

    private void HandleComplete(RequestId id, ReadOnlySpan<byte> @params, McpCaller caller)
    {
        if (!TryStartParams(id, @params, out var reader)) return;
        string? refType = null, refName = null, argument = null, value = null;
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ref"u8))
            {
                reader.Read();
                ReadStrings(ref reader, (name, text) =>
                {
                    if (name == "type") refType = text;
                    else if (name is "name" or "uri") refName = text;
                });
            }
            else if (reader.ValueTextEquals("argument"u8))
            {
                reader.Read();
                ReadStrings(ref reader, (name, text) =>
                {
                    if (name == "name") argument = text;
                    else if (name == "value") value = text;
                });
            }
            else if (reader.ValueTextEquals("context"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var isArguments = reader.ValueTextEquals("arguments"u8);
                        reader.Read();
                        if (isArguments) ReadStrings(ref reader, (name, text) => context[name] = text);
                        else reader.Skip();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (refType is null || refName is null || argument is null || value is null)
        {
            SendError(id, JsonRpcErrorCode.InvalidParams,
                "completion/complete requires \"ref\" ({\"type\":\"ref/prompt\",\"name\"} or {\"type\":\"ref/resource\",\"uri\"}) and \"argument\" ({\"name\",\"value\"}).");
            return;
        }
        McpComponent? component = refType switch
        {
            "ref/prompt" => Server.Prompts.All.FirstOrDefault(p => p.Name == refName),
            "ref/resource" => Server.Resources.Templates.FirstOrDefault(t => t.UriTemplate == refName),
            _ => null,
        };
        if (component is not null && !caller.IsAllowed(component.Authorization))
        {
            SendForbidden(id, caller, component, refType == "ref/prompt" ? "prompt" : "resource template");
            return;
        }
        if (component is null)
        {
            SendError(id, JsonRpcErrorCode.InvalidParams, refType is "ref/prompt" or "ref/resource"
                ? $"Unknown {(refType == "ref/prompt" ? "prompt" : "resource template")}: '{refName}'."
                : $"Unknown reference type '{refType}': use \"ref/prompt\" or \"ref/resource\".");
            return;
        }

        if (Server.Completions.TryGetValue((refName, argument), out var completion))
        {
            HoldResponseSlot();
            ValueTask<IEnumerable<string>> pending;
            try
            {
                pending = completion.Completer(value, context, Server.Services, CancellationToken.None);
            }
            catch (Exception ex)
            {
                FinishCompletion(id, completion, null, ex);
                return;
            }
            if (pending.IsCompleted)
            {
                IEnumerable<string>? values = null;
                Exception? failure = null;
                try { values = pending.GetAwaiter().GetResult(); }
                catch (Exception ex) { failure = ex; }
                FinishCompletion(id, completion, values, failure);
                return;
            }
            _ = CompleteCompletionAsync(id, completion, pending);
            return;
        }

        // Enum arguments complete from their member names, by prefix, without a method.
        var known = component.ArgumentValues is { } values2 && values2.TryGetValue(argument, out var names)
            ? names.Where(n => n.StartsWith(value, StringComparison.OrdinalIgnoreCase))
            : [];
        SendCompletion(id, known);
    }

    private async Task CompleteCompletionAsync(RequestId id, McpCompletion completion, ValueTask<IEnumerable<string>> pending)
    {
        IEnumerable<string>? values = null;
        Exception? failure = null;
        try { values = await pending.ConfigureAwait(false); }
        catch (Exception ex) { failure = ex; }
        FinishCompletion(id, completion, values, failure);
    }

    private void FinishCompletion(RequestId id, McpCompletion completion, IEnumerable<string>? values, Exception? failure)
    {
        try
        {
            if (failure is not null)
            {
                LogException($"completing '{completion.Argument}' of '{completion.Reference}'", failure);
                SendError(id, JsonRpcErrorCode.InternalError, $"Completing '{completion.Argument}' of '{completion.Reference}' failed: {failure.Message}");
                return;
            }
            SendCompletion(id, values ?? []);
        }
        finally
        {
            ReleaseResponseSlot();
        }
    }

    /// <summary>At most 100 values; <c>total</c> and <c>hasMore</c> say how many there were.</summary>
    private void SendCompletion(RequestId id, IEnumerable<string> values)
    {
        var all = values.Take(10_000).ToList();
        var buffer = MessageBuffer.Rent();
        try
        {
            var w = buffer.Json;
            JsonRpcWriter.StartResult(w, id);
            w.WriteStartObject();
            w.WriteStartObject("completion"u8);
            w.WriteStartArray("values"u8);
            foreach (var item in all.Take(MaxCompletionValues)) w.WriteStringValue(item);
            w.WriteEndArray();
            w.WriteNumber("total"u8, all.Count);
            w.WriteBoolean("hasMore"u8, all.Count > MaxCompletionValues);
            w.WriteEndObject();
            w.WriteEndObject();
            JsonRpcWriter.EndMessage(w);
            SendResponse(id, buffer.WrittenSpan);
        }
        finally
        {
            buffer.Return();
        }
    }

    private delegate void StringProperty(string name, string value);

    /// <summary>Reads the string-valued properties of the object at the reader; other values are skipped.</summary>
    private static void ReadStrings(ref Utf8JsonReader reader, StringProperty onProperty)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String) onProperty(name, reader.GetString()!);
            else reader.Skip();
        }
    }
}
