using System;
using System.Text.Json;
using System.Threading;
using System.Diagnostics.CodeAnalysis;
using McpForge.Eras;
using McpForge.Protocol;

namespace McpForge.Transports;

/// <summary>
/// The per-request protocol fields of a modern request's <c>params._meta</c> (MCP 2026-07-28, "_meta"):
/// <c>io.modelcontextprotocol/protocolVersion</c> and <c>…/clientCapabilities</c> (required), <c>…/clientInfo</c> and
/// <c>…/logLevel</c> (optional). Everything the server knows of the client for this request comes from here.
/// </summary>
[Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
public readonly struct McpRequestMeta
{
    /// <summary>The protocol version the request claims (<c>_meta["io.modelcontextprotocol/protocolVersion"]</c>).</summary>
    public string ProtocolVersion { get; internal init; }

    internal McpClientCapabilities Capabilities { get; init; }

    internal string[] Extensions { get; init; }

    internal McpClientInfo? ClientInfo { get; init; }

    internal McpLogLevel? LogLevel { get; init; }

    /// <summary>
    /// Reads and checks the <c>_meta</c> of <paramref name="params"/>. False, with <paramref name="problem"/> saying what is
    /// wrong, when it is missing, lacks a required field, or has a field of the wrong type: the request is malformed
    /// (-32602, HTTP 400).
    /// </summary>
    internal static bool TryRead(ReadOnlySpan<byte> @params, out McpRequestMeta meta, out string problem)
    {
        meta = default;
        problem = "";
        if (@params.IsEmpty)
        {
            problem = "A 2026-07-28 request needs \"params._meta\" with \"io.modelcontextprotocol/protocolVersion\" and \"io.modelcontextprotocol/clientCapabilities\"; this one has no params.";
            return false;
        }
        var reader = new Utf8JsonReader(@params);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            problem = "\"params\" must be an object.";
            return false;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("_meta"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "\"params._meta\" must be an object.";
                return false;
            }
            return TryReadMeta(ref reader, out meta, out problem);
        }
        problem = "A 2026-07-28 request needs \"params._meta\" with \"io.modelcontextprotocol/protocolVersion\" and \"io.modelcontextprotocol/clientCapabilities\"; this one has no \"_meta\".";
        return false;
    }

    private static bool TryReadMeta(ref Utf8JsonReader reader, out McpRequestMeta meta, out string problem)
    {
        meta = default;
        string? version = null;
        var capabilitiesSeen = false;
        var capabilities = McpClientCapabilities.None;
        string[] extensions = [];
        McpClientInfo? clientInfo = null;
        McpLogLevel? logLevel = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("io.modelcontextprotocol/protocolVersion"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    problem = "\"_meta.io.modelcontextprotocol/protocolVersion\" must be a string.";
                    return false;
                }
                // The version every modern request names: the constant, not a new string each time.
                version = reader.ValueTextEquals("2026-07-28"u8) ? McpProtocolVersions.V2026_07_28 : reader.GetString();
            }
            else if (reader.ValueTextEquals("io.modelcontextprotocol/clientCapabilities"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    problem = "\"_meta.io.modelcontextprotocol/clientCapabilities\" must be an object ({} when the client declares none).";
                    return false;
                }
                capabilitiesSeen = true;
                capabilities = ClientCapabilitiesReader.Read(ref reader, out extensions);
            }
            else if (reader.ValueTextEquals("io.modelcontextprotocol/clientInfo"u8))
            {
                reader.Read();
                if (!TryReadImplementation(ref reader, out clientInfo))
                {
                    problem = "\"_meta.io.modelcontextprotocol/clientInfo\" must be an object with string \"name\" and \"version\".";
                    return false;
                }
            }
            else if (reader.ValueTextEquals("io.modelcontextprotocol/logLevel"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || McpLogLevels.Parse(ref reader) is not McpLogLevel level)
                {
                    problem = "\"_meta.io.modelcontextprotocol/logLevel\" must be one of debug, info, notice, warning, error, critical, alert, emergency.";
                    return false;
                }
                logLevel = level;
            }
            else if (reader.ValueTextEquals("progressToken"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                {
                    problem = "\"_meta.progressToken\" must be a string or an integer.";
                    return false;
                }
            }
            else if (reader.ValueTextEquals("traceparent"u8) || reader.ValueTextEquals("tracestate"u8) || reader.ValueTextEquals("baggage"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    problem = "\"_meta.traceparent\", \"tracestate\" and \"baggage\" must be strings (W3C Trace Context).";
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (version is null)
        {
            problem = "\"_meta.io.modelcontextprotocol/protocolVersion\" is required on a 2026-07-28 request.";
            return false;
        }
        if (!capabilitiesSeen)
        {
            problem = "\"_meta.io.modelcontextprotocol/clientCapabilities\" is required on a 2026-07-28 request ({} when the client declares none).";
            return false;
        }
        meta = new McpRequestMeta
        {
            ProtocolVersion = version,
            Capabilities = capabilities,
            Extensions = extensions,
            ClientInfo = clientInfo,
            LogLevel = logLevel,
        };
        problem = "";
        return true;
    }

    /// <summary>
    /// The client info of the last modern request read (any thread's): a client sends the same on every request, so
    /// the next one that does reuses it instead of allocating two strings and a record each time.
    /// </summary>
    private static McpClientInfo? s_lastClientInfo;

    private static bool TryReadImplementation(ref Utf8JsonReader reader, out McpClientInfo? info)
    {
        info = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var last = Volatile.Read(ref s_lastClientInfo);
        string? name = null, version = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            var isVersion = reader.ValueTextEquals("version"u8);
            reader.Read();
            if (isName || isVersion)
            {
                if (reader.TokenType != JsonTokenType.String) return false;
                if (isName) name = last is not null && reader.ValueTextEquals(last.Name) ? last.Name : reader.GetString();
                else version = last is not null && reader.ValueTextEquals(last.Version) ? last.Version : reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }
        if (name is null || version is null) return false;
        if (last is not null && ReferenceEquals(name, last.Name) && ReferenceEquals(version, last.Version))
        {
            info = last;
            return true;
        }
        info = new McpClientInfo(name, version);
        Volatile.Write(ref s_lastClientInfo, info);
        return true;
    }
}
