using System;
using System.Collections.Concurrent;
using System.Text.Json;
using McpForge.ClientInput;
using McpForge.Dispatch;
using McpForge.JsonRpc;
using McpForge.Protocol;
using McpForge.Server;
using McpForge.Transports;

namespace McpForge.Eras;

/// <summary>
/// A session of 2025-11-25 and earlier, opened by <c>initialize</c> on a connection (a stdio process, a Streamable
/// HTTP session): the client it describes, the requests the server sends that client, the resources it subscribed
/// to, and the methods that exist only in sessions (<c>initialize</c>, <c>logging/setLevel</c>,
/// <c>resources/subscribe</c>, <c>resources/unsubscribe</c>).
/// </summary>
internal sealed class LegacySession
{
    private readonly McpConnection _connection;
    private readonly ConcurrentDictionary<string, byte> _subscriptions = new(StringComparer.Ordinal);

    private LegacySession(McpConnection connection, ClientProfile client)
    {
        _connection = connection;
        Client = client;
        ClientRequests = new LegacyClientRequests(connection);
    }

    /// <summary>The client, as <c>initialize</c> described it; every request of the session is served as from it.</summary>
    public ClientProfile Client { get; }

    /// <summary>The requests the server sends the client (sampling, elicitation, roots).</summary>
    public LegacyClientRequests ClientRequests { get; }

    /// <summary>
    /// A session for stateless Streamable HTTP, where each legacy request comes on its own: the version is the
    /// request's <c>MCP-Protocol-Version</c> header (or 2025-03-26, as the spec says), and the client declared no
    /// capabilities, so it is never sent requests of the server's own.
    /// </summary>
    public static LegacySession Stateless(McpConnection connection, string protocolVersion) =>
        new(connection, ClientProfile.Legacy(protocolVersion, McpClientCapabilities.None, new McpClientInfo(string.Empty, string.Empty)));

    /// <summary><c>initialize</c>: opens the session and answers with the server's version, capabilities and identity.</summary>
    public static void Open(McpConnection connection, RequestId id, ReadOnlySpan<byte> @params)
    {
        var respond = connection.Responder;
        if (connection.Legacy is not null)
        {
            respond.Error(id, JsonRpcErrorCode.InvalidRequest, "The session is already initialized.");
            return;
        }
        if (!ParamsReader.TryStart(connection, id, @params, out var reader)) return;
        ReadInitialize(ref reader, out var requested, out var capabilities, out var clientName, out var clientVersion);
        if (requested is null)
        {
            respond.Error(id, JsonRpcErrorCode.InvalidParams, "initialize requires \"protocolVersion\" (a string).");
            return;
        }

        // A client asking for 2026-07-28 here gets the newest session version: 2026-07-28 has no initialize.
        var version = McpProtocolVersions.Negotiate(requested);
        var client = ClientProfile.Legacy(version, capabilities, new McpClientInfo(clientName ?? string.Empty, clientVersion ?? string.Empty));
        if (!connection.TryOpenLegacy(new LegacySession(connection, client)))
        {
            respond.Error(id, JsonRpcErrorCode.InvalidRequest, "The session is already initialized.");
            return;
        }
        var server = connection.Server;
        Diagnostics.McpLog.SessionStarted(server.Logger, connection.Transport, client.ClientInfo!.Name, client.ClientInfo.Version, version);
        respond.Result(id, client, ResultFields.Complete, connection, static (w, c) =>
        {
            w.WriteString("protocolVersion"u8, c.Legacy!.Client.ProtocolVersion);
            ServerCapabilities.Write(w, c.Server, ProtocolEra.Legacy, c.CanNotify);
            w.WritePropertyName("serverInfo"u8);
            w.WriteRawValue(c.Server.Implementation, skipInputValidation: true);
            if (c.Server.Options.Instructions is { } instructions) w.WriteString("instructions"u8, instructions);
        });
    }

    /// <summary>
    /// A session taken over from another instance (McpForge.AspNetCore's scale-out): opened from the snapshot of its
    /// <c>initialize</c> params and the version agreed then, with its log level and subscriptions, without a handshake.
    /// False when the snapshot does not read as <c>initialize</c> params.
    /// </summary>
    public static bool TryRestore(McpConnection connection, ReadOnlySpan<byte> initializeParams, string protocolVersion, McpLogLevel? logLevel,
        System.Collections.Generic.IEnumerable<string> subscriptions)
    {
        var reader = new Utf8JsonReader(initializeParams, new JsonReaderOptions { MaxDepth = connection.Server.Options.MaxJsonDepth });
        McpClientCapabilities capabilities;
        string? clientName, clientVersion;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            ReadInitialize(ref reader, out _, out capabilities, out clientName, out clientVersion);
        }
        catch (JsonException)
        {
            return false;
        }
        var client = ClientProfile.Legacy(protocolVersion, capabilities, new McpClientInfo(clientName ?? string.Empty, clientVersion ?? string.Empty));
        if (logLevel is McpLogLevel level) client.SetLogLevel(level);
        var session = new LegacySession(connection, client);
        foreach (var uri in subscriptions) session._subscriptions[uri] = 0;
        return connection.TryOpenLegacy(session);
    }

    /// <summary>The URIs the client subscribed to (<c>resources/subscribe</c>), for a snapshot of the session.</summary>
    public System.Collections.Generic.ICollection<string> SubscribedUris => _subscriptions.Keys;

    /// <summary>Reads <c>initialize</c> params from the reader positioned on their object.</summary>
    private static void ReadInitialize(ref Utf8JsonReader reader, out string? requested, out McpClientCapabilities capabilities,
        out string? clientName, out string? clientVersion)
    {
        requested = null;
        clientName = null;
        clientVersion = null;
        capabilities = McpClientCapabilities.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("protocolVersion"u8))
            {
                reader.Read();
                requested = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("capabilities"u8))
            {
                reader.Read();
                capabilities = ClientCapabilitiesReader.Read(ref reader, out _);
            }
            else if (reader.ValueTextEquals("clientInfo"u8))
            {
                reader.Read();
                ReadClientInfo(ref reader, ref clientName, ref clientVersion);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadClientInfo(ref Utf8JsonReader reader, ref string? name, ref string? version)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            var isVersion = reader.ValueTextEquals("version"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                if (isName) name = reader.GetString();
                else if (isVersion) version = reader.GetString();
            }
            reader.Skip();
        }
    }

    /// <summary><c>logging/setLevel</c>: the least severe level this client gets in <c>notifications/message</c>.</summary>
    public void SetLevel(RequestId id, ReadOnlySpan<byte> @params)
    {
        if (!ParamsReader.TryStart(_connection, id, @params, out var reader)) return;
        McpLogLevel? level = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isLevel = reader.ValueTextEquals("level"u8);
            reader.Read();
            if (isLevel && reader.TokenType == JsonTokenType.String) level = McpLogLevels.Parse(ref reader);
            reader.Skip();
        }
        if (level is not McpLogLevel value)
        {
            _connection.Responder.Error(id, JsonRpcErrorCode.InvalidParams,
                "logging/setLevel requires \"level\": one of debug, info, notice, warning, error, critical, alert, emergency.");
            return;
        }
        Client.SetLogLevel(value);
        _connection.Responder.EmptyResult(id, Client);
    }

    /// <summary><c>resources/subscribe</c> and <c>resources/unsubscribe</c>: a URI the server can read, by exact string.</summary>
    public void Subscribe(RequestId id, ReadOnlySpan<byte> @params, bool subscribe, McpCaller caller)
    {
        var respond = _connection.Responder;
        if (!ParamsReader.TryStart(_connection, id, @params, out var reader)) return;
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
            respond.Error(id, JsonRpcErrorCode.InvalidParams, $"{(subscribe ? "resources/subscribe" : "resources/unsubscribe")} requires \"uri\" (a string).");
            return;
        }
        if (!subscribe)
        {
            _subscriptions.TryRemove(uri, out _);
            respond.EmptyResult(id, Client);
            return;
        }
        if (!_connection.CanNotify)
        {
            respond.MethodNotFound(id, "resources/subscribe");
            return;
        }
        var found = _connection.Server.Resources.Find(uri);
        if (found.Component is not null && !caller.IsAllowed(found.Component.Authorization))
        {
            _connection.Forbid(id, caller, found.Component, "resource");
            return;
        }
        if (found.Reader is null)
        {
            respond.Error(id, JsonRpcErrorCode.ResourceNotFound, null, uri, static (w, u) => w.WriteString("uri"u8, u));
            return;
        }
        _subscriptions[uri] = 0;
        respond.EmptyResult(id, Client);
    }

    /// <summary>Sends <c>notifications/resources/updated</c> if this client subscribed to <paramref name="uri"/>.</summary>
    public void NotifyResourceUpdated(string uri)
    {
        if (!_subscriptions.ContainsKey(uri)) return;
        _connection.Responder.Notification("notifications/resources/updated"u8, default, uri, static (w, u) =>
        {
            w.WriteStartObject();
            w.WriteString("uri"u8, u);
            w.WriteEndObject();
        });
    }

    /// <summary>Sends a <c>notifications/…/list_changed</c> (no params).</summary>
    public void NotifyListChanged(ReadOnlySpan<byte> method) =>
        _connection.Responder.Notification(method, default, 0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        });

    /// <summary>Sends <c>notifications/message</c> when the client wants <paramref name="level"/>.</summary>
    public void SendLog(McpLogLevel level, string message, string? logger, RequestId relatedRequest)
    {
        if (!Client.WantsLog(level)) return;
        _connection.Responder.Log(level, message, logger, relatedRequest);
    }
}
