using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using McpForge.JsonRpc;

namespace McpForge.Diagnostics;

/// <summary>
/// One request as observed for telemetry: its span and the attributes of its measurements. Made only when something
/// listens (<see cref="McpTelemetry.IsOn"/>); completed by the response that ends the request, whatever path sends it.
/// </summary>
internal sealed class McpOperation
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly string _method;
    private readonly string? _target;
    private readonly string? _resourceUri;
    private readonly string? _protocolVersion;
    private readonly string _transport;
    private readonly Activity? _activity;

    private McpOperation(string method, string? target, string? resourceUri, RequestId id, string? protocolVersion, string transport,
        string? sessionId, ActivityContext parent)
    {
        _method = method;
        _target = target;
        _resourceUri = resourceUri;
        _protocolVersion = protocolVersion;
        _transport = transport;
        if (McpTelemetry.Source.HasListeners())
        {
            // Named "{method} {target}" with the tool or prompt as target, never the resource URI (cardinality).
            var name = target is not null && method is "tools/call" or "prompts/get" ? method + " " + target : method;
            _activity = McpTelemetry.Source.StartActivity(name, ActivityKind.Server, parent);
            if (_activity is { IsAllDataRequested: true } activity)
            {
                activity.SetTag("mcp.method.name", method);
                activity.SetTag("jsonrpc.request.id", id.ToString().Trim('"'));
                if (method == "tools/call")
                {
                    activity.SetTag("gen_ai.operation.name", "execute_tool");
                    activity.SetTag("gen_ai.tool.name", target);
                }
                else if (method == "prompts/get") activity.SetTag("gen_ai.prompt.name", target);
                if (resourceUri is not null) activity.SetTag("mcp.resource.uri", resourceUri);
                if (protocolVersion is not null) activity.SetTag("mcp.protocol.version", protocolVersion);
                if (sessionId is not null) activity.SetTag("mcp.session.id", sessionId);
                activity.SetTag("network.transport", transport);
            }
        }
        McpTelemetry.ActiveRequests.Add(1, McpTelemetry.Tag("mcp.method.name", method));
    }

    /// <summary>The span, to make current while the request runs (so the tool's own spans are its children).</summary>
    public Activity? Activity => _activity;

    /// <summary>Set by the path that decides a tool's outcome when the response alone does not tell it.</summary>
    public string? Outcome { get; set; }

    /// <summary>
    /// Starts observing a request: reads its target (<c>params.name</c> or <c>params.uri</c>) and its W3C trace
    /// context (<c>params._meta.traceparent</c>, <c>tracestate</c>) from the params.
    /// </summary>
    public static McpOperation Start(string method, RequestId id, ReadOnlySpan<byte> @params, string? protocolVersion, string transport, string? sessionId)
    {
        string? target = null, uri = null, traceparent = null, tracestate = null;
        try
        {
            ReadParams(@params, ref target, ref uri, ref traceparent, ref tracestate);
        }
        catch (JsonException)
        {
            // Unreadable params are answered by the method itself; the span simply has no target.
        }
        var parent = traceparent is not null && ActivityContext.TryParse(traceparent, tracestate, isRemote: true, out var context) ? context : default;
        return new McpOperation(method, target ?? uri, uri, id, protocolVersion, transport, sessionId, parent);
    }

    /// <summary>The request ended with <paramref name="response"/>: records its duration and outcome, ends the span.</summary>
    public void Complete(ReadOnlySpan<byte> response)
    {
        var (errorCode, isError) = ReadOutcome(response);
        Finish(errorCode, isError ? "tool_error" : null);
    }

    /// <summary>The transport answered the request itself with <paramref name="errorCode"/> (HTTP 403 for a missing scope).</summary>
    public void Complete(int errorCode) => Finish(errorCode, null);

    /// <summary>The request ended without a response (the client cancelled it).</summary>
    public void Cancelled() => Finish(null, "cancelled");

    private void Finish(int? errorCode, string? resultError)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var status = errorCode is int code ? code.ToString(CultureInfo.InvariantCulture) : "OK";
        // error.type: the JSON-RPC code when there is one, else what the result says (semantic conventions, MCP).
        var errorType = errorCode is not null ? status : Outcome is "exception" or "invalid_arguments" ? "tool_error" : resultError;

        var tags = new TagList
        {
            { "mcp.method.name", _method },
            { "network.transport", _transport },
        };
        if (_method == "tools/call" && _target is not null) tags.Add("gen_ai.tool.name", _target);
        if (_method == "prompts/get" && _target is not null) tags.Add("gen_ai.prompt.name", _target);
        if (_protocolVersion is not null) tags.Add("mcp.protocol.version", _protocolVersion);
        if (errorCode is not null) tags.Add("rpc.response.status_code", status);
        if (errorType is not null) tags.Add("error.type", errorType);
        McpTelemetry.OperationDuration.Record(elapsed, tags);
        McpTelemetry.ActiveRequests.Add(-1, McpTelemetry.Tag("mcp.method.name", _method));
        if (resultError != "cancelled") McpTelemetry.Responses.Add(1, McpTelemetry.Tag("rpc.response.status_code", status)); // a cancelled request gets none

        if (_method == "tools/call")
        {
            var outcome = Outcome ?? (resultError == "cancelled" ? "cancelled"
                : errorCode == JsonRpcErrorCode.RequestTimeout ? "timeout"
                : errorCode == JsonRpcErrorCode.Forbidden ? "forbidden"
                : errorCode is not null ? "error"
                : resultError == "tool_error" ? "tool_error" : "success");
            McpTelemetry.ToolCalls.Add(1, McpTelemetry.Tag("gen_ai.tool.name", _target), McpTelemetry.Tag("mcpforge.tool.outcome", outcome));
        }

        if (_activity is { } activity)
        {
            if (errorCode is not null) activity.SetTag("rpc.response.status_code", status);
            if (errorType is not null)
            {
                activity.SetTag("error.type", errorType);
                activity.SetStatus(ActivityStatusCode.Error, errorCode is int c ? JsonRpcWriter.MessageText(c) : errorType);
            }
            activity.Stop();
        }
    }

    private static void ReadParams(ReadOnlySpan<byte> @params, ref string? name, ref string? uri, ref string? traceparent, ref string? tracestate)
    {
        if (@params.IsEmpty) return;
        var reader = new Utf8JsonReader(@params);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8) || reader.ValueTextEquals("uri"u8))
            {
                var isName = reader.ValueTextEquals("name"u8);
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    if (isName) name = reader.GetString();
                    else uri = reader.GetString();
                }
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("_meta"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isParent = reader.ValueTextEquals("traceparent"u8);
                    var isState = reader.ValueTextEquals("tracestate"u8);
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && (isParent || isState))
                    {
                        if (isParent) traceparent = reader.GetString();
                        else tracestate = reader.GetString();
                    }
                    else reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>The error code of an error response, or whether a result says <c>"isError": true</c>.</summary>
    private static (int? ErrorCode, bool IsError) ReadOutcome(ReadOnlySpan<byte> response)
    {
        var reader = new Utf8JsonReader(response);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return (null, false);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isCode = reader.ValueTextEquals("code"u8);
                    reader.Read();
                    if (isCode && reader.TryGetInt32(out var code)) return (code, false);
                    reader.Skip();
                }
                return (0, false);
            }
            if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) return (null, false);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isErrorFlag = reader.ValueTextEquals("isError"u8);
                    reader.Read();
                    if (isErrorFlag) return (null, reader.TokenType == JsonTokenType.True);
                    reader.Skip();
                }
                return (null, false);
            }
            reader.Read();
            reader.Skip();
        }
        return (null, false);
    }
}
