using System;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using McpForge.Dispatch;
using McpForge.JsonRpc;
using McpForge.Server;

namespace McpForge.Tools;

/// <summary>
/// <c>tools/call</c>: finds the tool, checks the caller, runs it (<see cref="CallRunner"/>) under its deadline, and
/// answers with its result. Where the eras differ it is in failures: a session gets the error table of 2025-11-25
/// (-32000 on request, -32001 for a timeout, -32042); a 2026-07-28 request, which may not get codes from -32000 to
/// -32019, gets an <c>isError</c> result whose <c>structuredContent.error</c> says what failed (the tool, the limit, a
/// correlation id that is also in the server's log).
/// </summary>
internal static class ToolCallHandler
{
    public static void Handle(in IncomingRequest request)
    {
        if (!CallParams.TryReadNamed(request, "tool", request.Server.Tools, out var read)) return;
        var tool = (McpTool)read.Component!;
        var caller = request.Caller;
        if (!caller.IsAllowed(tool.Authorization))
        {
            request.Connection.Forbid(request.Id, caller, tool, "tool"); // before binding: a refused caller learns nothing from its arguments
            return;
        }
        if (request.Connection.InFlight.Contains(request.Id))
        {
            request.Respond.Error(request.Id, JsonRpcErrorCode.InvalidRequest, $"The request id {request.Id} is already used by a request in progress.");
            return;
        }
        if (request.Server.Tasks is { } tasks && RunsAsTask(request, read, tool, tasks)) return;
        var call = new McpToolCall(request.Connection, request.Client, caller, tool, request.Id, read.ProgressToken);
        if (!CallRunner.TryBeginRound(request, read, call)) return;
        if ((tool.Timeout ?? request.Server.Options.ToolTimeout) is TimeSpan timeout)
        {
            request.Server.Deadlines.Add(call, timeout);
        }
        CallRunner.Start(call, read.Arguments);
    }

    /// <summary>
    /// On a server with tasks, whether the call runs as a task (started here) or is refused for how it asked; false runs
    /// it as an ordinary call. 2026-07-28: a task-capable tool becomes a task when the request declares the extension
    /// (the server decides; a <c>params.task</c> means nothing), and a required one without it is -32021. 2025-11-25: the
    /// client's <c>params.task</c> decides, within the tool's <c>execution.taskSupport</c> (-32601 either way it breaks it).
    /// </summary>
    private static bool RunsAsTask(in IncomingRequest request, in CallParams read, McpTool tool, Tasks.TaskHost tasks)
    {
        if (request.Client.IsModern)
        {
            if (tool.TaskSupport == McpTaskSupport.Forbidden) return false;
            if (Array.IndexOf(request.Client.Extensions, Tasks.TaskHost.ExtensionId) >= 0)
            {
                Tasks.TaskRun.Start(tasks, tool, request, read, null);
                return true;
            }
            if (tool.TaskSupport != McpTaskSupport.Required) return false;
            request.Respond.Error(request.Id, JsonRpcErrorCode.MissingRequiredClientCapability,
                $"Tool '{tool.Name}' runs only as a task: the request's clientCapabilities must declare extensions[\"{Tasks.TaskHost.ExtensionId}\"].",
                0, static (w, _) => Tasks.TasksHandler.WriteRequiredExtension(w));
            return true;
        }
        if (read.HasTask)
        {
            if (tool.TaskSupport == McpTaskSupport.Forbidden)
            {
                request.Respond.Error(request.Id, JsonRpcErrorCode.MethodNotFound, $"Tool '{tool.Name}' does not run as a task (its execution.taskSupport is forbidden): call it without \"task\".");
                return true;
            }
            Tasks.TaskRun.Start(tasks, tool, request, read, read.TaskTtlMs);
            return true;
        }
        if (tool.TaskSupport != McpTaskSupport.Required) return false;
        request.Respond.Error(request.Id, JsonRpcErrorCode.MethodNotFound, $"Tool '{tool.Name}' runs only as a task (its execution.taskSupport is required): call it with \"task\".");
        return true;
    }

    /// <summary>The call's deadline passed (<see cref="ToolDeadlines"/>): unless it ended first, its token fires and it is answered as timed out.</summary>
    public static void OnTimeout(McpToolCall call)
    {
        if (!call.TryFinish(McpCall.TimedOut))
        {
            return; // Completed, or cancelled by the client, first.
        }
        var connection = call.Connection;
        connection.InFlight.Remove(call);
        call.CancelToken();
        var options = connection.Server.Options;
        var timeout = (call.Tool.Timeout ?? options.ToolTimeout).GetValueOrDefault();
        Diagnostics.McpLog.ToolTimedOut(connection.Server.Logger, call.Tool.Name, call.RequestId.ToString(), timeout.TotalMilliseconds);
        var details = string.Create(CultureInfo.InvariantCulture,
            $"Tool '{call.Tool.Name}' did not complete within {timeout.TotalMilliseconds:0} ms ({(call.Tool.Timeout is null ? "McpServerOptions.ToolTimeout" : "its TimeoutMs")}).");
        var timeoutMs = (long)timeout.TotalMilliseconds;
        if (call.Client.IsModern)
        {
            RespondFailure(call, JsonRpcErrorCode.RequestTimeout, details, timeoutMs);
        }
        else
        {
            connection.Responder.Error(call.RequestId, JsonRpcErrorCode.RequestTimeout, details, timeoutMs, static (w, ms) => w.WriteNumber("timeoutMs"u8, ms));
        }
        call.ReleaseSlot();
    }

    /// <summary>Sends the response of a completed call: its result, its argument errors, or its failure.</summary>
    public static void RespondOutcome(McpToolCall call, Exception? failure)
    {
        var respond = call.Connection.Responder;
        var telemetry = call.Connection.Telemetry;
        if (failure is null)
        {
            if (call.HasArgumentErrors)
            {
                RespondArgumentErrors(call);
            }
            else if (call.ResultBuffer is not { } buffer)
            {
                respond.Error(call.RequestId, JsonRpcErrorCode.InternalError, $"Tool '{call.Tool.Name}' completed without writing a result.");
            }
            else
            {
                respond.FinishResult(call, buffer, ResultFields.Complete, "tool", call.Tool.Name);
            }
            return;
        }
        if (failure is ResponseTooLargeException tooLarge)
        {
            respond.ResponseTooLarge(call.RequestId, "tool", call.Tool.Name, tooLarge.Limit);
            return;
        }
        if (call.ResultBuffer is not null)
        {
            call.ReleaseResult();
            telemetry.Outcome(call.RequestId, "serialization_failure");
            if (Diagnostics.McpTelemetry.SerializationFailures.Enabled)
            {
                Diagnostics.McpTelemetry.SerializationFailures.Add(1, Diagnostics.McpTelemetry.Tag("gen_ai.tool.name", call.Tool.Name));
            }
            Diagnostics.McpLog.Failed(call.Connection.Server.Logger, $"writing the result of tool '{call.Tool.Name}'", failure);
            respond.Error(call.RequestId, JsonRpcErrorCode.InternalError, "Response serialization failed: " + failure.Message);
            return;
        }
        if (failure is UrlElicitationRequiredException elicitation)
        {
            // Not a failure of the tool: a session's client is asked to have the user complete these and call again.
            respond.Error(call.RequestId, JsonRpcErrorCode.UrlElicitationRequired, null, elicitation.Elicitations, static (w, list) =>
            {
                w.WriteStartArray("elicitations"u8);
                foreach (var item in list) item.WriteParams(w);
                w.WriteEndArray();
            });
            return;
        }
        if (failure is McpProtocolException protocol)
        {
            // The tool chose a JSON-RPC error; codes 2026-07-28 does not allow (-32000 to -32019) are sent as -32603 there.
            var code = call.Client.IsModern && protocol.Code is <= -32000 and >= -32019 ? JsonRpcErrorCode.InternalError : protocol.Code;
            Diagnostics.McpLog.Failed(call.Connection.Server.Logger, $"tool '{call.Tool.Name}' (JSON-RPC error {code})", failure);
            respond.Error(call.RequestId, code, protocol.Message);
            return;
        }
        telemetry.Outcome(call.RequestId, "exception");
        if (call.Client.IsModern)
        {
            RespondFailure(call, JsonRpcErrorCode.ToolExecutionFailed, failure.Message, null, failure);
            return;
        }
        Diagnostics.McpLog.Failed(call.Connection.Server.Logger, $"tool '{call.Tool.Name}'", failure);
        if (call.Connection.Server.Options.ToolErrors == ErrorReporting.JsonRpcError)
        {
            respond.Error(call.RequestId, JsonRpcErrorCode.ToolExecutionFailed, failure.Message);
            return;
        }
        respond.Result(call.RequestId, call.Client, ResultFields.Complete, failure.Message, static (w, message) =>
        {
            WriteText(w, message);
            w.WriteBoolean("isError"u8, true);
        });
    }

    /// <summary>
    /// A 2026-07-28 failure as the tool result the spec asks for: <c>isError</c>, the message as text for the model, and
    /// <c>structuredContent.error</c> in the shape of the error table (its <c>message</c>, <c>details</c>) with the tool, the
    /// limit that fired and a correlation id to find the server's log entry.
    /// </summary>
    private static void RespondFailure(McpToolCall call, int kind, string details, long? timeoutMs, Exception? exception = null)
    {
        var correlation = CorrelationId();
        if (exception is not null)
        {
            Diagnostics.McpLog.Failed(call.Connection.Server.Logger, $"tool '{call.Tool.Name}' (correlation id {correlation})", exception);
        }
        call.Connection.Responder.Result(call.RequestId, call.Client, ResultFields.Complete, (call.Tool.Name, kind, details, timeoutMs, correlation), static (w, s) =>
        {
            WriteText(w, s.details);
            w.WriteStartObject("structuredContent"u8);
            w.WriteStartObject("error"u8);
            w.WriteString("message"u8, JsonRpcWriter.MessageFor(s.kind));
            w.WriteString("details"u8, s.details);
            w.WriteString("tool"u8, s.Name);
            if (s.timeoutMs is long ms) w.WriteNumber("timeoutMs"u8, ms);
            w.WriteString("correlationId"u8, s.correlation);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteBoolean("isError"u8, true);
        });
    }

    /// <summary>The trace id of the request's span when there is one (so the log, the trace and the client agree), else a random one.</summary>
    private static string CorrelationId() =>
        Activity.Current is { } activity ? activity.TraceId.ToHexString() : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static void RespondArgumentErrors(McpToolCall call)
    {
        call.Connection.Telemetry.Outcome(call.RequestId, "invalid_arguments");
        var details = $"Invalid arguments for tool '{call.Tool.Name}'";
        if (call.Connection.Server.Options.ArgumentErrors == ErrorReporting.JsonRpcError)
        {
            call.Connection.Responder.Error(call.RequestId, JsonRpcErrorCode.InvalidParams, details + ".", call.ArgumentErrors,
                static (w, errors) => JsonRpcWriter.WriteArgumentErrors(w, errors));
            return;
        }
        var text = new StringBuilder(details).Append(':');
        foreach (var error in call.ArgumentErrors)
        {
            text.Append("\n- ").Append(error.Path).Append(": ").Append(error.Message);
        }
        call.Connection.Responder.Result(call.RequestId, call.Client, ResultFields.Complete, (text.ToString(), call.ArgumentErrors), static (w, s) =>
        {
            WriteText(w, s.Item1);
            w.WriteStartObject("structuredContent"u8);
            JsonRpcWriter.WriteArgumentErrors(w, s.ArgumentErrors);
            w.WriteEndObject();
            w.WriteBoolean("isError"u8, true);
        });
    }

    private static void WriteText(System.Text.Json.Utf8JsonWriter w, string text)
    {
        w.WriteStartArray("content"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "text"u8);
        w.WriteString("text"u8, text);
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
