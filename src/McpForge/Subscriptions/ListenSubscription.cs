using System.Threading;
using McpForge.Connections;
using McpForge.Dispatch;
using McpForge.Eras;
using McpForge.JsonRpc;
using McpForge.Transports;

namespace McpForge.Subscriptions;

/// <summary>
/// One open <c>subscriptions/listen</c> stream: after its acknowledgment it carries the events its filter honours, each
/// tagged with its subscription id (the listen request's id), until the client cancels it (closes the HTTP stream, or
/// sends <c>notifications/cancelled</c> on stdio: no response) or the server ends it gracefully (the listen request's
/// result, then the end of the stream).
/// </summary>
internal sealed class ListenSubscription(McpConnection connection, RequestId id, ClientProfile client, ListenFilter filter) : ICancellableRequest
{
    private int _ended;

    public RequestId RequestId => id;

    public McpConnection Connection => connection;

    public ListenFilter Filter => filter;

    /// <summary>Sends <paramref name="event"/> on the stream if its filter honours it.</summary>
    public void Deliver(in McpServerEvent @event)
    {
        if (Volatile.Read(ref _ended) != 0 || !filter.Matches(@event)) return;
        var method = @event.Kind switch
        {
            McpServerEventKind.ToolsListChanged => "notifications/tools/list_changed"u8,
            McpServerEventKind.PromptsListChanged => "notifications/prompts/list_changed"u8,
            McpServerEventKind.ResourcesListChanged => "notifications/resources/list_changed"u8,
            _ => "notifications/resources/updated"u8,
        };
        connection.Responder.Notification(method, id, (id, @event.Uri), static (w, s) =>
        {
            w.WriteStartObject();
            WriteSubscriptionMeta(w, s.id);
            if (s.Uri is not null) w.WriteString("uri"u8, s.Uri);
            w.WriteEndObject();
        });
    }

    /// <summary><c>notifications/subscriptions/acknowledged</c>: the stream's first message, naming what it honours.</summary>
    public void Acknowledge() =>
        connection.Responder.Notification("notifications/subscriptions/acknowledged"u8, id, this, static (w, s) =>
        {
            w.WriteStartObject();
            WriteSubscriptionMeta(w, s.RequestId);
            s.Filter.WriteTo(w);
            w.WriteEndObject();
        });

    /// <summary>The server ends the stream (it is shutting down, or nothing was asked): the listen request's result closes it.</summary>
    public void EndGracefully()
    {
        if (!TryEnd()) return;
        connection.Responder.Result(id, client, ResultFields.EndOfSubscription(id), 0, static (_, _) => { });
    }

    /// <summary>The client cancelled it: no response.</summary>
    bool ICancellableRequest.CancelByClient()
    {
        if (!TryEnd()) return false;
        connection.Sink.Abandon(id);
        connection.Telemetry.Cancelled(id);
        return true;
    }

    private bool TryEnd()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return false;
        connection.InFlight.Remove(this);
        connection.Server.Listeners.Remove(this);
        return true;
    }

    private static void WriteSubscriptionMeta(System.Text.Json.Utf8JsonWriter w, RequestId subscription)
    {
        w.WriteStartObject("_meta"u8);
        w.WritePropertyName("io.modelcontextprotocol/subscriptionId"u8);
        subscription.WriteTo(w);
        w.WriteEndObject();
    }
}
