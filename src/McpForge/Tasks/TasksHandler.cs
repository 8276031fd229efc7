using System;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Dispatch;
using McpForge.Eras;
using McpForge.JsonRpc;
using McpForge.Transports;

namespace McpForge.Tasks;

/// <summary>
/// The <c>tasks/*</c> methods of both eras. 2026-07-28 (extension): <c>tasks/get</c> (the task with its result, error or
/// open asks inlined), <c>tasks/update</c> (answers; an empty ack) and <c>tasks/cancel</c> (an empty ack, also for an
/// ended task), each only for a request that declares the extension (-32021 before anything else). 2025-11-25:
/// <c>tasks/get</c>, <c>tasks/result</c> (waits for the end, then the call's own answer), <c>tasks/list</c> and
/// <c>tasks/cancel</c> (the cancelled task; -32602 once ended). A task of another owner or era, or one expired, is
/// unknown (-32602), exactly like an id never issued.
/// </summary>
internal static class TasksHandler
{
    public static void Handle(in IncomingRequest request)
    {
        var host = request.Server.Tasks!;
        var modern = request.Client.IsModern;
        var method = MethodTable.Name(request.Method);
        if (modern && Array.IndexOf(request.Client.Extensions, TaskHost.ExtensionId) < 0)
        {
            request.Respond.Error(request.Id, JsonRpcErrorCode.MissingRequiredClientCapability,
                $"{method} needs the tasks extension: the request's clientCapabilities must declare extensions[\"{TaskHost.ExtensionId}\"].",
                0, static (w, _) => WriteRequiredExtension(w));
            return;
        }
        if (!ParamsReader.TryStart(request.Connection, request.Id, request.Params, out var reader)) return;
        string? taskId = null, cursor = null;
        JsonElement? responses = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("taskId"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) taskId = reader.GetString();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("cursor"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) cursor = reader.GetString();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("inputResponses"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) responses = JsonElement.ParseValue(ref reader);
                else reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        var owner = TaskHost.OwnerOf(request.Caller, request.Connection, modern);
        if (request.Method == McpMethod.TasksList)
        {
            _ = ListAsync(host, request.Connection, request.Id, request.Client, owner, cursor);
            return;
        }
        if (taskId is null)
        {
            request.Respond.Error(request.Id, JsonRpcErrorCode.InvalidParams, $"{method} requires \"taskId\" (a string).");
            return;
        }
        if (request.Method == McpMethod.TasksUpdate && responses is null)
        {
            request.Respond.Error(request.Id, JsonRpcErrorCode.InvalidParams, "tasks/update requires \"inputResponses\" (an object).");
            return;
        }
        _ = ServeAsync(host, request.Connection, request.Id, request.Method, request.Client, owner, taskId, responses);
    }

    private static async Task ServeAsync(TaskHost host, McpConnection connection, RequestId id, McpMethod method, ClientProfile client,
        string owner, string taskId, JsonElement? responses)
    {
        var respond = connection.Responder;
        try
        {
            var record = await host.Store.GetAsync(taskId, owner).ConfigureAwait(false);
            if (record is null || record.IsModern != client.IsModern)
            {
                respond.Error(id, JsonRpcErrorCode.InvalidParams, $"No task has the id '{taskId}' (tasks expire with their time to live, and each caller sees only its own).");
                return;
            }
            host.Runs.TryGetValue(taskId, out var run);
            if (run is not null && run.Owner != owner) run = null;
            switch (method)
            {
                case McpMethod.TasksGet when client.IsModern:
                    respond.Result(id, client, ResultFields.Complete, record, static (w, r) => TaskJson.WriteModern(w, r, detailed: true));
                    return;
                case McpMethod.TasksGet:
                    respond.Result(id, client, ResultFields.Complete, record, static (w, r) => TaskJson.WriteLegacy(w, r));
                    return;
                case McpMethod.TasksUpdate:
                    if (run is not null && !record.IsTerminal && await run.UpdateAsync(responses!.Value).ConfigureAwait(false) is { } problem)
                    {
                        respond.Error(id, JsonRpcErrorCode.InvalidParams, problem);
                        return;
                    }
                    respond.EmptyResult(id, client);
                    return;
                case McpMethod.TasksCancel:
                    await CancelAsync(host, respond, id, client, record, run).ConfigureAwait(false);
                    return;
                case McpMethod.TasksResult:
                    await ResultAsync(host, connection, id, record, run).ConfigureAwait(false);
                    return;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Diagnostics.McpLog.Failed(host.Server.Logger, "serving " + MethodTable.Name(method), ex);
            respond.Error(id, JsonRpcErrorCode.InternalError, ex.Message);
        }
    }

    /// <summary>
    /// The task ends cancelled before the answer (first writer wins: one that ended meanwhile keeps its outcome). 2026-07-28
    /// acks either way; 2025-11-25 answers the cancelled task, or -32602 for one that had ended.
    /// </summary>
    private static async Task CancelAsync(TaskHost host, Responder respond, RequestId id, ClientProfile client, McpTaskRecord record, TaskRun? run)
    {
        if (!record.IsTerminal)
        {
            const string Message = "Cancelled by the client.";
            record = run is not null
                ? await run.CancelAsync(Message).ConfigureAwait(false) ?? record
                : await CancelStoredAsync(host, record, Message).ConfigureAwait(false);
            if (!client.IsModern && record.Status == McpTaskStatus.Cancelled)
            {
                respond.Result(id, client, ResultFields.Complete, record, static (w, r) => TaskJson.WriteLegacy(w, r));
                return;
            }
        }
        if (client.IsModern)
        {
            respond.EmptyResult(id, client);
            return;
        }
        respond.Error(id, JsonRpcErrorCode.InvalidParams, $"Task '{record.TaskId}' already ended ({TaskJson.StatusName(record.Status)}); it cannot be cancelled.");
    }

    /// <summary>A task whose handler runs on another instance: its record is cancelled (that instance's handler learns it when it settles).</summary>
    private static async Task<McpTaskRecord> CancelStoredAsync(TaskHost host, McpTaskRecord record, string message)
    {
        for (var attempt = 0; attempt < 64 && !record.IsTerminal; attempt++)
        {
            var next = record with { Status = McpTaskStatus.Cancelled, StatusMessage = message, InputRequests = null, LastUpdatedAt = host.Time.GetUtcNow() };
            if (await host.Store.TryReplaceAsync(record, next).ConfigureAwait(false)) return next with { Version = record.Version + 1 };
            record = await host.Store.GetAsync(record.TaskId, record.Owner).ConfigureAwait(false) ?? record;
        }
        return record;
    }

    /// <summary>
    /// 2025-11-25 <c>tasks/result</c>: waits for the end (the run here, or the store at the poll interval), then answers
    /// exactly what <c>tools/call</c> would have, with <c>_meta["io.modelcontextprotocol/related-task"]</c> on a result.
    /// </summary>
    private static async Task ResultAsync(TaskHost host, McpConnection connection, RequestId id, McpTaskRecord record, TaskRun? run)
    {
        var respond = connection.Responder;
        // A run that stored its end but has not yet told the session is waited for too (TaskRun.IsEnding).
        while (!record.IsTerminal || run is { IsEnding: true })
        {
            if (run is not null)
            {
                try
                {
                    run.WaitingResult(connection, id); // the handler's asks and the status travel on this stream while it is open
                    record = await run.Ended.ConfigureAwait(false);
                    run = null;
                    continue;
                }
                catch (TaskCanceledException)
                {
                    run = null; // it expired meanwhile: the store says so below
                }
            }
            else
            {
                await Task.Delay(host.Options.PollInterval, host.Time).ConfigureAwait(false);
            }
            var current = await host.Store.GetAsync(record.TaskId, record.Owner).ConfigureAwait(false);
            if (current is null)
            {
                respond.Error(id, JsonRpcErrorCode.InvalidParams, $"Task '{record.TaskId}' expired before it ended.");
                return;
            }
            record = current;
        }
        if (record.Result is { } result)
        {
            respond.Result(id, null, ResultFields.Complete, (result, record.TaskId), static (w, s) => WriteWithRelatedTask(w, s.result.Span, s.TaskId));
            return;
        }
        if (record.Error is { } error)
        {
            var buffer = MessageBuffer.Rent();
            try
            {
                var w = buffer.Json;
                w.WriteStartObject();
                w.WriteString("jsonrpc"u8, "2.0"u8);
                w.WritePropertyName("id"u8);
                id.WriteTo(w);
                w.WritePropertyName("error"u8);
                w.WriteRawValue(error.Span, skipInputValidation: true);
                w.WriteEndObject();
                w.Flush();
                respond.Send(id, buffer.WrittenSpan);
            }
            finally
            {
                buffer.Return();
            }
            return;
        }
        respond.Error(id, JsonRpcErrorCode.InvalidParams, $"Task '{record.TaskId}' was cancelled; it has no result.");
    }

    /// <summary>The stored result's members, with the related-task key added to its <c>_meta</c> (2025-11-25 <c>tasks/result</c> MUST).</summary>
    internal static void WriteWithRelatedTask(Utf8JsonWriter w, ReadOnlySpan<byte> result, string taskId)
    {
        var reader = new Utf8JsonReader(result);
        using var document = JsonDocument.ParseValue(ref reader);
        JsonElement? meta = null;
        foreach (var member in document.RootElement.EnumerateObject())
        {
            if (member.NameEquals("_meta"u8))
            {
                meta = member.Value;
                continue;
            }
            member.WriteTo(w);
        }
        w.WriteStartObject("_meta"u8);
        if (meta is { ValueKind: JsonValueKind.Object } existing)
        {
            foreach (var member in existing.EnumerateObject()) member.WriteTo(w);
        }
        w.WriteStartObject("io.modelcontextprotocol/related-task"u8);
        w.WriteString("taskId"u8, taskId);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>2025-11-25 <c>tasks/list</c>: the caller's tasks of this era, oldest first, a page at a time.</summary>
    private static async Task ListAsync(TaskHost host, McpConnection connection, RequestId id, ClientProfile client, string owner, string? cursor)
    {
        var respond = connection.Responder;
        try
        {
            var page = await host.Store.ListAsync(owner, client.IsModern, cursor, host.Options.PageSize).ConfigureAwait(false);
            if (page is null)
            {
                respond.Error(id, JsonRpcErrorCode.InvalidParams, "The cursor is not one this server issued.");
                return;
            }
            respond.Result(id, client, ResultFields.Complete, page, static (w, p) =>
            {
                w.WriteStartArray("tasks"u8);
                foreach (var task in p.Tasks)
                {
                    w.WriteStartObject();
                    TaskJson.WriteLegacy(w, task);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                if (p.NextCursor is { } next) w.WriteString("nextCursor"u8, next);
            });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Diagnostics.McpLog.Failed(host.Server.Logger, "serving tasks/list", ex);
            respond.Error(id, JsonRpcErrorCode.InternalError, ex.Message);
        }
    }

    /// <summary>The <c>data.requiredCapabilities</c> of -32021 for the tasks extension.</summary>
    public static void WriteRequiredExtension(Utf8JsonWriter w)
    {
        w.WriteStartObject("requiredCapabilities"u8);
        w.WriteStartObject("extensions"u8);
        w.WriteStartObject(TaskHost.ExtensionId);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
