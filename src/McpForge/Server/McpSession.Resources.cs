using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.JsonRpc;
using McpForge.Resources;

namespace McpForge.Server;

internal sealed partial class McpSession
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _subscriptions = new(StringComparer.Ordinal);

    /// <summary><c>resources/subscribe</c> and <c>resources/unsubscribe</c>: a URI the server can read, by exact string.</summary>
    private void HandleSubscription(RequestId id, ReadOnlySpan<byte> @params, bool subscribe, McpCaller caller)
    {
        if (!TryStartParams(id, @params, out var reader)) return;
        string? uri = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isUri = reader.ValueTextEquals("uri"u8);
            reader.Read();
            if (isUri && reader.TokenType == JsonTokenType.String) uri = reader.GetString();
            reader.Skip();
        }
        if (uri is null)
        {
            SendError(id, JsonRpcErrorCode.InvalidParams, $"{(subscribe ? "resources/subscribe" : "resources/unsubscribe")} requires \"uri\" (a string).");
            return;
        }
        if (subscribe && !CanNotify)
        {
            SendMethodNotFound(id, "resources/subscribe");
            return;
        }
        var found = subscribe ? Server.Resources.Find(uri) : default;
        if (subscribe && found.Component is not null && !caller.IsAllowed(found.Component.Authorization))
        {
            SendForbidden(id, caller, found.Component, "resource");
            return;
        }
        if (subscribe && found.Reader is null)
        {
            var buffer = MessageBuffer.Rent();
            try
            {
                JsonRpcWriter.WriteResourceNotFound(buffer.Json, id, uri);
                SendResponse(id, buffer.WrittenSpan);
            }
            finally
            {
                buffer.Return();
            }
            return;
        }
        if (subscribe) _subscriptions[uri] = 0;
        else _subscriptions.TryRemove(uri, out _);
        SendEmptyResult(id);
    }

    /// <summary>Sends <c>notifications/resources/updated</c> if this client subscribed to <paramref name="uri"/>.</summary>
    internal void NotifyResourceUpdated(string uri)
    {
        if (!_subscriptions.ContainsKey(uri)) return;
        SendNotification("notifications/resources/updated"u8, default, uri, static (w, u) =>
        {
            w.WriteStartObject();
            w.WriteString("uri"u8, u);
            w.WriteEndObject();
        });
    }

    private void HandleResourcesRead(RequestId id, ReadOnlySpan<byte> @params, McpCaller caller)
    {
        if (!TryStartParams(id, @params, out var reader)) return;
        string? uri = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isUri = reader.ValueTextEquals("uri"u8);
            reader.Read();
            if (isUri && reader.TokenType == JsonTokenType.String) uri = reader.GetString();
            reader.Skip();
        }
        if (uri is null)
        {
            SendError(id, JsonRpcErrorCode.InvalidParams, "resources/read requires \"uri\" (a string).");
            return;
        }

        var (component, resourceReader, variables) = Server.Resources.Find(uri);
        if (component is not null && !caller.IsAllowed(component.Authorization))
        {
            SendForbidden(id, caller, component, "resource");
            return;
        }
        if (resourceReader is null)
        {
            var buffer = MessageBuffer.Rent();
            try
            {
                JsonRpcWriter.WriteResourceNotFound(buffer.Json, id, uri);
                SendResponse(id, buffer.WrittenSpan);
            }
            finally
            {
                buffer.Return();
            }
            return;
        }

        var call = new McpResourceCall(this, uri, id, CancellationToken.None) { User = caller.User };
        HoldResponseSlot();
        ValueTask pending;
        try
        {
            pending = resourceReader(call, variables);
        }
        catch (Exception ex)
        {
            FinishRead(call, ex);
            return;
        }
        Settle(call, pending, FinishRead);
    }

    /// <summary>Sends the one response of a read: its contents, -32602 for template variables that do not convert, or -32603.</summary>
    private void FinishRead(McpResourceCall call, Exception? failure)
    {
        try
        {
            if (failure is ResponseTooLargeException tooLarge)
            {
                SendResponseTooLarge(call.RequestId, $"reading '{call.Uri}'", tooLarge.Limit);
            }
            else if (failure is not null)
            {
                call.ReleaseResult();
                LogException($"reading resource '{call.Uri}'", failure);
                SendError(call.RequestId, JsonRpcErrorCode.InternalError, $"Reading '{call.Uri}' failed: {failure.Message}");
            }
            else if (call.HasArgumentErrors)
            {
                SendInvalidArguments(call, $"The URI '{call.Uri}' has template variables that do not convert:");
            }
            else if (call.ResultBuffer is { } result)
            {
                SendResult(call, result, $"reading '{call.Uri}'");
            }
            else
            {
                SendError(call.RequestId, JsonRpcErrorCode.InternalError, $"Reading '{call.Uri}' completed without writing a result.");
            }
        }
        finally
        {
            call.ReleaseResult();
            ReleaseResponseSlot();
            WarnIfSlow(call, "resources/read", call.Uri);
        }
    }
}
