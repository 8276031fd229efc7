using System;
using McpForge.Dispatch;
using McpForge.JsonRpc;
using McpForge.Prompts;
using McpForge.Server;

namespace McpForge.Resources;

/// <summary>
/// <c>resources/read</c>: finds the fixed resource or the first template that matches, checks the caller, reads it
/// (<see cref="CallRunner"/>), and answers with its contents. An unknown URI is -32002 with <c>data.uri</c> in a session
/// and -32602 with <c>data.uri</c> on a 2026-07-28 request (which retired -32002); a modern result carries the
/// resource's cache hints.
/// </summary>
internal static class ResourceReadHandler
{
    public static void Handle(in IncomingRequest request)
    {
        if (!CallParams.TryReadUri(request, out var read)) return;
        var uri = read.Uri!;
        var (component, reader, variables) = request.Server.Resources.Find(uri);
        if (component is not null && !request.Caller.IsAllowed(component.Authorization))
        {
            request.Connection.Forbid(request.Id, request.Caller, component, "resource");
            return;
        }
        if (reader is null)
        {
            RespondNotFound(request, uri);
            return;
        }
        var call = new McpResourceCall(request.Connection, request.Client, request.Caller, component!, reader, variables, uri, request.Id, read.ProgressToken);
        if (!CallRunner.TryBeginRound(request, read, call)) return;
        CallRunner.Start(call, default);
    }

    /// <summary>A URI no resource or template serves.</summary>
    public static void RespondNotFound(in IncomingRequest request, string uri)
    {
        var modern = request.Client.IsModern;
        request.Respond.Error(request.Id, modern ? JsonRpcErrorCode.InvalidParams : JsonRpcErrorCode.ResourceNotFound,
            modern ? $"No resource has the URI '{uri}'." : null, uri, static (w, u) => w.WriteString("uri"u8, u));
    }

    public static void RespondOutcome(McpResourceCall call, Exception? failure)
    {
        var respond = call.Connection.Responder;
        if (failure is ResponseTooLargeException tooLarge)
        {
            respond.ResponseTooLarge(call.RequestId, "reading", call.Uri, tooLarge.Limit);
        }
        else if (failure is not null)
        {
            call.ReleaseResult();
            Diagnostics.McpLog.Failed(call.Connection.Server.Logger, $"reading resource '{call.Uri}'", failure);
            respond.Error(call.RequestId, JsonRpcErrorCode.InternalError, $"Reading '{call.Uri}' failed: {failure.Message}");
        }
        else if (call.HasArgumentErrors)
        {
            PromptGetHandler.RespondInvalidArguments(call, $"The URI '{call.Uri}' has template variables that do not convert:");
        }
        else if (call.ResultBuffer is { } result)
        {
            respond.FinishResult(call, result, CacheHints(call), "reading", call.Uri);
        }
        else
        {
            respond.Error(call.RequestId, JsonRpcErrorCode.InternalError, $"Reading '{call.Uri}' completed without writing a result.");
        }
    }

    /// <summary>The resource's own hints, or the server's defaults; private whenever the transport authenticates callers.</summary>
    private static ResultFields CacheHints(McpResourceCall call)
    {
        if (!call.Client.IsModern) return ResultFields.Complete;
        var options = call.Connection.Server.Options;
        var hints = call.Resource.CacheHints;
        var scope = call.Caller.Checks ? McpCacheScope.Private : hints?.Scope ?? options.CacheScope;
        return ResultFields.Cacheable((long)(hints?.Ttl ?? options.CacheTtl).TotalMilliseconds, scope);
    }
}
