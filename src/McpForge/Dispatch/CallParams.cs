using System;
using System.Text.Json;
using McpForge.JsonRpc;
using McpForge.Server;

namespace McpForge.Dispatch;

/// <summary>
/// The params of a request that runs a handler: <c>tools/call</c> and <c>prompts/get</c> (<c>name</c>, <c>arguments</c>),
/// <c>resources/read</c> (<c>uri</c>), all with <c>_meta.progressToken</c> and, on 2026-07-28 retries,
/// <c>inputResponses</c> and <c>requestState</c>. Spans point into the request's buffer.
/// </summary>
internal ref struct CallParams
{
    private const int MaxNameBytes = 512;

    /// <summary>The component <c>name</c> found (tools, prompts).</summary>
    public object? Component;

    /// <summary>The <c>uri</c> (resources).</summary>
    public string? Uri;

    /// <summary>The <c>arguments</c> object, or empty when absent.</summary>
    public ReadOnlySpan<byte> Arguments;

    public RequestId ProgressToken;

    /// <summary>The <c>inputResponses</c> value as sent (checked later), when <see cref="HasInputResponses"/>.</summary>
    public ReadOnlySpan<byte> InputResponses;

    public bool HasInputResponses;

    public string? RequestState;

    /// <summary>A 2025-11-25 <c>params.task</c> was sent: the client asks for the call to run as a task.</summary>
    public bool HasTask;

    /// <summary>The <c>params.task.ttl</c> the client asked for (milliseconds), if any.</summary>
    public long? TaskTtlMs;

    /// <summary>
    /// Reads <c>tools/call</c> or <c>prompts/get</c> params, finding <c>name</c> with the generated lookups. Answers
    /// -32602 and returns false when they break the method's schema or name nothing.
    /// </summary>
    public static bool TryReadNamed<TItem>(in IncomingRequest request, string kind, ComponentRegistry<TItem> registry, out CallParams read) where TItem : class
    {
        if (request.PlainNameLength > 0) return TryTakePlain(request, kind, registry, out read);
        read = default;
        var common = default(Common);
        var method = MethodTable.Name(request.Method);
        if (!ParamsReader.TryStart(request.Connection, request.Id, request.Params, out var reader)) return false;
        var origin = 0; // where the reader's span starts in the params (TryReadCommon may step over a known _meta)
        string? unknownName = null;
        var nameSeen = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    request.Respond.Error(request.Id, JsonRpcErrorCode.InvalidParams, $"{method} \"name\" must be a string.");
                    return false;
                }
                nameSeen = true;
                read.Component = Find(ref reader, registry);
                unknownName = read.Component is null ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = origin + (int)reader.TokenStartIndex;
                    reader.Skip();
                    read.Arguments = request.Params[start..(origin + (int)reader.BytesConsumed)];
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    request.Respond.Error(request.Id, JsonRpcErrorCode.InvalidParams, $"{method} \"arguments\" must be an object.");
                    return false;
                }
            }
            else if (!TryReadCommon(ref reader, ref origin, request, method, ref common))
            {
                return false;
            }
        }
        common.Apply(request.Params, ref read);
        if (!nameSeen)
        {
            request.Respond.Error(request.Id, JsonRpcErrorCode.InvalidParams, $"{method} requires \"name\".");
            return false;
        }
        if (read.Component is null)
        {
            RefuseUnknown(request, kind, unknownName);
            return false;
        }
        return true;
    }

    private static void RefuseUnknown(in IncomingRequest request, string kind, string? name) =>
        request.Respond.Error(request.Id, JsonRpcErrorCode.InvalidParams, $"Unknown {kind}: '{name}'. Call {kind}s/list for the available {kind}s.");

    /// <summary>
    /// The params of a plain call, as the envelope noted them (<see cref="IncomingRequest.PlainNameAt"/>): an unescaped
    /// string name, an arguments object or none, no <c>progressToken</c>, nothing else. What <see cref="TryReadNamed"/>
    /// finds reading them.
    /// </summary>
    private static bool TryTakePlain<TItem>(in IncomingRequest request, string kind, ComponentRegistry<TItem> registry, out CallParams read) where TItem : class
    {
        read = default;
        var name = request.Params.Slice(request.PlainNameAt + 1, request.PlainNameLength - 2); // inside the quotes
        read.Component = registry.Find(name);
        if (request.PlainArgumentsLength > 0) read.Arguments = request.Params.Slice(request.PlainArgumentsAt, request.PlainArgumentsLength);
        if (read.Component is not null) return true;
        RefuseUnknown(request, kind, System.Text.Encoding.UTF8.GetString(name));
        return false;
    }

    /// <summary>Reads <c>resources/read</c> params; answers -32602 and returns false without a string <c>uri</c>.</summary>
    public static bool TryReadUri(in IncomingRequest request, out CallParams read)
    {
        read = default;
        var common = default(Common);
        if (!ParamsReader.TryStart(request.Connection, request.Id, request.Params, out var reader)) return false;
        var origin = 0; // where the reader's span starts in the params (TryReadCommon may step over a known _meta)
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("uri"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) read.Uri = reader.GetString();
                reader.Skip();
            }
            else if (!TryReadCommon(ref reader, ref origin, request, "resources/read", ref common))
            {
                return false;
            }
        }
        common.Apply(request.Params, ref read);
        if (read.Uri is null)
        {
            request.Respond.Error(request.Id, JsonRpcErrorCode.InvalidParams, "resources/read requires \"uri\" (a string).");
            return false;
        }
        return true;
    }

    /// <summary>
    /// The members every such request may have: <c>_meta</c>, <c>inputResponses</c>, <c>requestState</c>; others are skipped.
    /// The <c>_meta</c> the envelope found repeating the 2026-07-28 client's known one has no <c>progressToken</c> and is
    /// stepped over unread, without comparing its bytes again (<see cref="IncomingRequest.KnownMetaAt"/>).
    /// </summary>
    private static bool TryReadCommon(ref Utf8JsonReader reader, ref int origin, in IncomingRequest request, string method, ref Common read)
    {
        if (reader.ValueTextEquals("_meta"u8))
        {
            reader.Read();
            if (request.KnownMetaLength > 0 && origin + (int)reader.TokenStartIndex == request.KnownMetaAt)
            {
                RepeatedObjectSkip.StepOver(ref reader, request.Params, ref origin, request.KnownMetaLength);
            }
            else
            {
                read.ProgressToken = ParamsReader.ReadProgressToken(ref reader);
            }
        }
        else if (request.Client.IsModern && reader.ValueTextEquals("inputResponses"u8))
        {
            reader.Read();
            read.InputStart = origin + (int)reader.TokenStartIndex;
            reader.Skip();
            read.InputEnd = origin + (int)reader.BytesConsumed;
        }
        else if (request.Client.IsModern && reader.ValueTextEquals("requestState"u8))
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                request.Respond.Error(request.Id, JsonRpcErrorCode.InvalidParams, $"{method} \"requestState\" must be the string the server sent.");
                return false;
            }
            read.RequestState = reader.GetString();
        }
        else if (!request.Client.IsModern && reader.ValueTextEquals("task"u8))
        {
            // 2025-11-25 task augmentation; a 2026-07-28 request's "task" is an unknown member, ignored (SEP-2663).
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                read.HasTask = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isTtl = reader.ValueTextEquals("ttl"u8);
                    reader.Read();
                    if (isTtl && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var ttl)) read.TaskTtlMs = ttl;
                    reader.Skip();
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
        return true;
    }

    /// <summary>What <see cref="TryReadCommon"/> found, as offsets into the params (a span could not leave the reader's scope).</summary>
    private struct Common
    {
        public RequestId ProgressToken;
        public string? RequestState;
        public int InputStart, InputEnd;
        public bool HasTask;
        public long? TaskTtlMs;

        public readonly void Apply(ReadOnlySpan<byte> @params, ref CallParams read)
        {
            read.ProgressToken = ProgressToken;
            read.RequestState = RequestState;
            read.HasTask = HasTask;
            read.TaskTtlMs = TaskTtlMs;
            if (InputEnd > InputStart)
            {
                read.InputResponses = @params[InputStart..InputEnd];
                read.HasInputResponses = true;
            }
        }
    }

    /// <summary>The component named by the string token, unescaped into a stack buffer only when the JSON escaped it.</summary>
    private static TItem? Find<TItem>(ref Utf8JsonReader reader, ComponentRegistry<TItem> registry) where TItem : class
    {
        if (!reader.ValueIsEscaped) return registry.Find(reader.ValueSpan);
        if (reader.ValueSpan.Length > MaxNameBytes) return null;
        Span<byte> unescaped = stackalloc byte[MaxNameBytes];
        var length = reader.CopyString(unescaped);
        return registry.Find(unescaped[..length]);
    }
}
