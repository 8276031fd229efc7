using System.Collections.Generic;
using System.Text.Json;
using McpForge.Dispatch;
using McpForge.JsonRpc;

namespace McpForge.Subscriptions;

/// <summary>
/// <c>subscriptions/listen</c> (MCP 2026-07-28, "Subscriptions"): opens a long-lived stream of change notifications.
/// The acknowledgment comes first and names what the server honours: list changes of the kinds it has, and updates of
/// the URIs it can read for this caller; then the events that match, each tagged with the subscription id. A filter
/// that asks for nothing is acknowledged and ended at once (its stream would never carry anything).
/// </summary>
internal static class ListenHandler
{
    public static void Handle(in IncomingRequest request)
    {
        var id = request.Id;
        if (request.Connection.InFlight.Contains(id))
        {
            request.Respond.Error(id, JsonRpcErrorCode.InvalidRequest, $"The request id {id} is already used by a request in progress.");
            return;
        }
        if (!ParamsReader.TryStart(request.Connection, id, request.Params, out var reader)) return;
        ListenFilter? asked = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFilter = reader.ValueTextEquals("notifications"u8);
            reader.Read();
            if (!isFilter)
            {
                reader.Skip();
                continue;
            }
            if (!ListenFilter.TryRead(ref reader, out var filter, out var problem))
            {
                request.Respond.Error(id, JsonRpcErrorCode.InvalidParams, problem);
                return;
            }
            asked = filter;
        }
        if (asked is null)
        {
            request.Respond.Error(id, JsonRpcErrorCode.InvalidParams, "subscriptions/listen requires \"notifications\" (a SubscriptionFilter).");
            return;
        }

        var subscription = new ListenSubscription(request.Connection, id, request.Client, Honoured(request, asked));
        request.Connection.InFlight.Add(subscription);
        subscription.Acknowledge();
        if (subscription.Filter.IsEmpty)
        {
            subscription.EndGracefully();
            return;
        }
        // Registered after the acknowledgment left, so no notification of this subscription can precede it.
        request.Server.Listeners.Add(subscription);
    }

    /// <summary>The subset of <paramref name="asked"/> this server delivers to this caller.</summary>
    private static ListenFilter Honoured(in IncomingRequest request, ListenFilter asked)
    {
        var server = request.Server;
        var uris = new List<string>();
        if (server.ResourceCount > 0)
        {
            foreach (var uri in asked.ResourceSubscriptions)
            {
                var found = server.Resources.Find(uri);
                if (found.Reader is not null && request.Caller.IsAllowed(found.Component!.Authorization) && !uris.Contains(uri)) uris.Add(uri);
            }
        }
        return new ListenFilter
        {
            ToolsListChanged = asked.ToolsListChanged && server.ToolCount > 0,
            PromptsListChanged = asked.PromptsListChanged && server.PromptCount > 0,
            ResourcesListChanged = asked.ResourcesListChanged && server.ResourceCount > 0,
            ResourceSubscriptions = uris,
        };
    }
}
