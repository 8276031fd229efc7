using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Dispatch;
using McpForge.Eras;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Transports;

namespace McpForge.Completions;

/// <summary>
/// <c>completion/complete</c>: suggestions for a prompt's argument or a template's variable, from its completion method,
/// or from an enum's member names by prefix. At most 100 values; <c>total</c> and <c>hasMore</c> say how many there were.
/// </summary>
internal static class CompletionHandler
{
    /// <summary>The most values one <c>completion/complete</c> result may carry (MCP schema).</summary>
    private const int MaxCompletionValues = 100;

    public static void Handle(in IncomingRequest request)
    {
        var id = request.Id;
        var caller = request.Caller;
        var server = request.Server;
        var connection = request.Connection;
        if (!ParamsReader.TryStart(connection, id, request.Params, out var reader)) return;
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
            request.Respond.Error(id, JsonRpcErrorCode.InvalidParams,
                "completion/complete requires \"ref\" ({\"type\":\"ref/prompt\",\"name\"} or {\"type\":\"ref/resource\",\"uri\"}) and \"argument\" ({\"name\",\"value\"}).");
            return;
        }
        McpComponent? component = refType switch
        {
            "ref/prompt" => server.Prompts.All.FirstOrDefault(p => p.Name == refName),
            "ref/resource" => server.Resources.Templates.FirstOrDefault(t => t.UriTemplate == refName),
            _ => null,
        };
        if (component is not null && !caller.IsAllowed(component.Authorization))
        {
            connection.Forbid(id, caller, component, refType == "ref/prompt" ? "prompt" : "resource template");
            return;
        }
        if (component is null)
        {
            request.Respond.Error(id, JsonRpcErrorCode.InvalidParams, refType is "ref/prompt" or "ref/resource"
                ? $"Unknown {(refType == "ref/prompt" ? "prompt" : "resource template")}: '{refName}'."
                : $"Unknown reference type '{refType}': use \"ref/prompt\" or \"ref/resource\".");
            return;
        }

        if (server.Completions.TryGetValue((refName, argument), out var completion))
        {
            connection.Admission.HoldSlot();
            var scope = new CallScope(server.Registry, caller.ServiceScope);
            ValueTask<IEnumerable<string>> pending;
            try
            {
                pending = completion.Completer(value, context, scope.Services, CancellationToken.None);
            }
            catch (Exception ex)
            {
                Finish(connection, id, request.Client, completion, scope, null, ex);
                return;
            }
            if (pending.IsCompleted)
            {
                IEnumerable<string>? values = null;
                Exception? failure = null;
                try { values = pending.GetAwaiter().GetResult(); }
                catch (Exception ex) { failure = ex; }
                Finish(connection, id, request.Client, completion, scope, values, failure);
                return;
            }
            _ = CompleteAsync(connection, id, request.Client, completion, scope, pending);
            return;
        }

        // Enum arguments complete from their member names, by prefix, without a method.
        var known = component.ArgumentValues is { } values2 && values2.TryGetValue(argument, out var names)
            ? names.Where(n => n.StartsWith(value, StringComparison.OrdinalIgnoreCase))
            : [];
        Respond(connection, id, request.Client, known);
    }

    private static async Task CompleteAsync(McpConnection connection, RequestId id, ClientProfile client, McpCompletion completion, CallScope scope,
        ValueTask<IEnumerable<string>> pending)
    {
        IEnumerable<string>? values = null;
        Exception? failure = null;
        try { values = await pending.ConfigureAwait(false); }
        catch (Exception ex) { failure = ex; }
        Finish(connection, id, client, completion, scope, values, failure);
    }

    private static void Finish(McpConnection connection, RequestId id, ClientProfile client, McpCompletion completion, CallScope scope,
        IEnumerable<string>? values, Exception? failure)
    {
        try
        {
            if (failure is not null)
            {
                Diagnostics.McpLog.Failed(connection.Server.Logger, $"completing '{completion.Argument}' of '{completion.Reference}'", failure);
                connection.Responder.Error(id, JsonRpcErrorCode.InternalError, $"Completing '{completion.Argument}' of '{completion.Reference}' failed: {failure.Message}");
                return;
            }
            Respond(connection, id, client, values ?? []);
        }
        finally
        {
            connection.Admission.ReleaseSlot();
            scope.End(connection.Server);
        }
    }

    /// <summary>At most 100 values; <c>total</c> and <c>hasMore</c> say how many there were.</summary>
    private static void Respond(McpConnection connection, RequestId id, ClientProfile client, IEnumerable<string> values)
    {
        var all = values.Take(10_000).ToList();
        connection.Responder.Result(id, client, ResultFields.Complete, all, static (w, list) =>
        {
            w.WriteStartObject("completion"u8);
            w.WriteStartArray("values"u8);
            foreach (var item in list.Take(MaxCompletionValues)) w.WriteStringValue(item);
            w.WriteEndArray();
            w.WriteNumber("total"u8, list.Count);
            w.WriteBoolean("hasMore"u8, list.Count > MaxCompletionValues);
            w.WriteEndObject();
        });
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
