using System;
using System.Text.Json;
using McpForge.Protocol;

namespace McpForge.Eras;

/// <summary>
/// The per-request protocol fields of a modern request's <c>params._meta</c> (MCP 2026-07-28, "_meta"):
/// <c>io.modelcontextprotocol/protocolVersion</c> and <c>…/clientCapabilities</c> (required), <c>…/clientInfo</c> and
/// <c>…/logLevel</c> (optional). Everything the server knows of the client for this request comes from here.
/// </summary>
internal readonly struct RequestMeta
{
    public string ProtocolVersion { get; init; }

    public McpClientCapabilities Capabilities { get; init; }

    public string[] Extensions { get; init; }

    public McpClientInfo? ClientInfo { get; init; }

    public McpLogLevel? LogLevel { get; init; }

    /// <summary>The <c>_meta</c> has a <c>progressToken</c>: a field of this request alone, which a profile does not keep.</summary>
    public bool HasProgressToken { get; init; }

    /// <summary>
    /// Reads and checks <paramref name="meta"/>, the value of a request's <c>params._meta</c>. False, with
    /// <paramref name="problem"/> saying what is wrong, when it is not an object, lacks a required field, or has a field of
    /// the wrong type: the request is malformed (-32602, HTTP 400). A client info equal to <paramref name="knownClient"/>
    /// is that instance: a client sends the same on every request.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> meta, McpClientInfo? knownClient, out RequestMeta read, out string problem)
    {
        var reader = new Utf8JsonReader(meta);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            read = default;
            problem = "\"params._meta\" must be an object.";
            return false;
        }
        return TryReadMeta(ref reader, knownClient, out read, out problem);
    }

    private static bool TryReadMeta(ref Utf8JsonReader reader, McpClientInfo? knownClient, out RequestMeta meta, out string problem)
    {
        meta = default;
        string? version = null;
        var capabilitiesSeen = false;
        var capabilities = McpClientCapabilities.None;
        string[] extensions = [];
        McpClientInfo? clientInfo = null;
        McpLogLevel? logLevel = null;
        var hasProgressToken = false;
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
                if (!TryReadImplementation(ref reader, knownClient, out clientInfo))
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
                hasProgressToken = true;
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
        meta = new RequestMeta
        {
            ProtocolVersion = version,
            Capabilities = capabilities,
            Extensions = extensions,
            ClientInfo = clientInfo,
            LogLevel = logLevel,
            HasProgressToken = hasProgressToken,
        };
        problem = "";
        return true;
    }

    private static bool TryReadImplementation(ref Utf8JsonReader reader, McpClientInfo? last, out McpClientInfo? info)
    {
        info = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
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
        return true;
    }
}
