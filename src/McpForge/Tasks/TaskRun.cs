using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.ClientInput;
using McpForge.Dispatch;
using McpForge.Eras;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Tools;
using McpForge.Transports;

namespace McpForge.Tasks;

/// <summary>
/// One tool call run as a task. The handler runs as any call does (<see cref="CallRunner"/>), but on a connection of the
/// task's own whose sink is this run: the call's one response becomes the task's outcome instead of going to the client.
/// Until the handler first awaits, the call is still the request's: if it ends by then (a result, an error, a round of
/// input asked before any work), that response answers the request and no task exists; otherwise the task is created,
/// durably, and the request is answered with its handle. The handler runs in a DI scope of its own (the transport request
/// is over), with a token that only <c>tasks/cancel</c>, the task's time to live and the server's stop fire. A handler
/// that asks for input ends its round; the task shows the asks (2026-07-28 <c>inputRequests</c>) and runs the handler
/// again with the answers once all have come (<c>tasks/update</c>), as a 2026-07-28 retry would.
/// </summary>
internal sealed class TaskRun : IMcpMessageSink
{
    private readonly Lock _gate = new();
    private readonly TaskHost _host;
    private readonly McpTool _tool;
    private readonly ClientProfile _client;
    private readonly McpCaller _caller;
    private readonly McpConnection _origin;
    private readonly RequestId _requestId;
    private readonly RequestId _progressToken;
    private readonly TimeSpan _timeToLive;
    private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<McpTaskRecord> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // The answers so far and the asks still open (key → method, and the ask as the client sees it), across rounds.
    private readonly Dictionary<string, JsonElement> _answers = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Method, byte[] Ask)> _outstanding = [];
    private byte[] _arguments = [];
    private string? _handlerState;
    private int _rounds;
    private McpToolCall? _call;
    private byte[]? _early;
    private bool _promoted;
    private ITimer? _expiry;

    private TaskRun(TaskHost host, McpTool tool, in IncomingRequest request, RequestId progressToken, TimeSpan timeToLive)
    {
        _host = host;
        _tool = tool;
        _client = request.Client;
        _caller = request.Caller.WithoutServiceScope();
        _origin = request.Connection;
        _requestId = request.Id;
        _progressToken = progressToken;
        _timeToLive = timeToLive;
        TaskId = TaskHost.NewTaskId();
        Owner = TaskHost.OwnerOf(request.Caller, request.Connection, request.Client.IsModern);
    }

    public string TaskId { get; }

    public string Owner { get; }

    /// <summary>
    /// A 2025-11-25 <c>tasks/result</c> of the session that made this task, waiting for it: its stream carries the
    /// handler's asks (T-L7) and the status notifications. Invalid when none waits.
    /// </summary>
    private RequestId ResultRequest
    {
        get
        {
            lock (_gate) return _resultRequest;
        }
    }

    private RequestId _resultRequest;

    /// <summary>A <c>tasks/result</c> waits for this task; one on another session's connection does not carry its messages.</summary>
    public void WaitingResult(McpConnection connection, RequestId id)
    {
        if (connection != _origin) return;
        lock (_gate) _resultRequest = id;
    }

    /// <summary>
    /// A 2025-11-25 task's handler asks its session's client (elicitation, sampling, roots): the task is
    /// <c>input_required</c> until the answer comes, and the request carries
    /// <c>_meta["io.modelcontextprotocol/related-task"]</c>, on the stream of a waiting <c>tasks/result</c> if there is one.
    /// </summary>
    public async Task<JsonElement> AskLegacyAsync(McpCall call, McpInputRequest request, TimeSpan timeout)
    {
        await _created.Task.ConfigureAwait(false);
        var session = _origin.Legacy ?? throw new InvalidOperationException("The session that started this task has ended; it cannot be asked.");
        await TransitionAsync(r => r with { Status = McpTaskStatus.InputRequired, StatusMessage = $"Waiting for the client's answer to {request.Method}." }).ConfigureAwait(false);
        try
        {
            var stream = ResultRequest;
            return await session.ClientRequests.SendAsync(request.Method, stream.IsValid ? stream : _requestId, (request, TaskId), static (w, s) =>
            {
                w.WriteStartObject();
                TasksHandler.WriteWithRelatedTask(w, s.request.LegacyParams, s.TaskId);
                w.WriteEndObject();
            }, timeout, call.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await TransitionAsync(r => r.Status == McpTaskStatus.InputRequired ? r with { Status = McpTaskStatus.Working, StatusMessage = null } : r).ConfigureAwait(false);
        }
    }

    /// <summary>Completes with the terminal record when the task ends (what a 2025-11-25 <c>tasks/result</c> waits for).</summary>
    public Task<McpTaskRecord> Ended => _ended.Task;

    /// <summary>
    /// True from just before this run stores its end until <see cref="Ended"/> completes: the store may already show the
    /// task ended while the session has not yet been told (<c>notifications/tasks/status</c>). A <c>tasks/result</c> that
    /// finds it so waits for <see cref="Ended"/>, so that the status comes before the result, as it does for one that
    /// waited from the start.
    /// </summary>
    public bool IsEnding => Volatile.Read(ref _ending);

    private bool _ending;

    /// <summary>
    /// Runs <paramref name="tool"/> for <paramref name="request"/> as a task: answers the request inline if the handler
    /// ends before it first awaits (2026-07-28 only: a 2025-11-25 client that asked for a task always gets one), else
    /// with the task's handle once the task is stored.
    /// </summary>
    public static void Start(TaskHost host, McpTool tool, in IncomingRequest request, in CallParams read, long? requestedTtlMs)
    {
        var run = new TaskRun(host, tool, request, read.ProgressToken, host.TimeToLive(request.Client.IsModern ? null : requestedTtlMs));
        var call = run.NewCall();
        if (!CallRunner.TryBeginRound(request, read, call)) return;
        run._arguments = read.Arguments.ToArray();
        CallRunner.Start(call, read.Arguments);
        byte[]? inline = null;
        lock (run._gate)
        {
            if (request.Client.IsModern && run._early is { } early) inline = early;
            else run._promoted = true;
        }
        if (inline is not null)
        {
            request.Respond.Send(request.Id, inline); // the immediate result, or a round of input settled before the task exists
            return;
        }
        _ = run.CreateAsync();
    }

    private McpToolCall NewCall()
    {
        var connection = new McpConnection(_host.Server, this, "task");
        if (!_client.IsModern && _origin.Legacy is { } session) connection.TryOpenLegacy(session); // a session's asks go to its client
        var call = new McpToolCall(connection, _client, _caller, _tool, _requestId, _progressToken);
        if ((_tool.Timeout ?? _host.Server.Options.ToolTimeout) is TimeSpan timeout) _host.Server.Deadlines.Add(call, timeout);
        Volatile.Write(ref _call, call);
        return call;
    }

    /// <summary>Stores the task, then answers the request with its handle (so a <c>tasks/get</c> right after it resolves).</summary>
    private async Task CreateAsync()
    {
        var now = _host.Time.GetUtcNow();
        var record = new McpTaskRecord
        {
            TaskId = TaskId,
            Owner = Owner,
            IsModern = _client.IsModern,
            ToolName = _tool.Name,
            Status = McpTaskStatus.Working,
            CreatedAt = now,
            LastUpdatedAt = now,
            TimeToLive = _timeToLive,
            PollInterval = _host.Options.PollInterval,
        };
        bool created;
        try
        {
            created = await _host.Store.TryCreateAsync(record, _host.Options.MaxTasksPerOwner).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Diagnostics.McpLog.Failed(_host.Server.Logger, $"storing a task of tool '{_tool.Name}'", ex);
            StopHandler();
            _origin.Responder.Error(_requestId, JsonRpcErrorCode.InternalError, "The task could not be stored: " + ex.Message);
            return;
        }
        if (!created)
        {
            StopHandler();
            _origin.Responder.Error(_requestId, _client.IsModern ? JsonRpcErrorCode.InternalError : JsonRpcErrorCode.ServerBusy,
                $"Too many tasks: the caller has {_host.Options.MaxTasksPerOwner} unexpired tasks (McpTaskOptions.MaxTasksPerOwner). Try again once one expires.");
            return;
        }
        _host.Runs[TaskId] = this;
        _expiry = _host.Time.CreateTimer(static state => _ = ((TaskRun)state!).CancelAsync("The task's time to live ran out before it ended."),
            this, _timeToLive, Timeout.InfiniteTimeSpan);
        if (_client.IsModern)
        {
            _origin.Responder.Result(_requestId, _client, ResultFields.Task, record, static (w, r) => TaskJson.WriteModern(w, r, detailed: false));
        }
        else
        {
            _origin.Responder.Result(_requestId, _client, ResultFields.Complete, record, static (w, r) =>
            {
                w.WriteStartObject("task"u8);
                TaskJson.WriteLegacy(w, r);
                w.WriteEndObject();
            });
        }
        _created.TrySetResult();
        byte[]? early;
        lock (_gate) early = _early;
        if (early is not null) await SettleAsync(early).ConfigureAwait(false); // a 2025-11-25 handler that ended before the task existed
    }

    void IMcpMessageSink.Send(ReadOnlySpan<byte> message, McpMessageRoute route)
    {
        switch (route.Kind)
        {
            case McpOutgoingKind.Response:
                byte[] copy;
                lock (_gate)
                {
                    copy = message.ToArray();
                    if (!_promoted)
                    {
                        _early = copy;
                        return;
                    }
                }
                _ = SettleAsync(copy);
                return;
            case McpOutgoingKind.Notification:
                bool promoted;
                lock (_gate) promoted = _promoted;
                if (!promoted) _origin.Sink.Send(message, route); // still the request's: its stream is open
                else if (!_client.IsModern) _origin.Sink.Send(message, McpMessageRoute.Unrelated); // 2025-11-25: progress goes on, on the session's stream
                return; // 2026-07-28: no progress or logs for tasks (extension, "Task Status Notifications")
            default:
                _origin.Sink.Send(message, route); // a session's ask to its client
                return;
        }
    }

    /// <summary>Turns the call's response into the task's state: a result, a failure, or a round of input.</summary>
    private async Task SettleAsync(byte[] response)
    {
        await _created.Task.ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(response);
            var root = document.RootElement;
            if (root.TryGetProperty("error"u8, out var error))
            {
                await FailAsync(JsonSerializerRaw(error), Details(error)).ConfigureAwait(false);
                return;
            }
            var result = root.GetProperty("result"u8);
            if (result.TryGetProperty("resultType"u8, out var type) && type.ValueEquals("input_required"u8))
            {
                await AwaitInputAsync(result).ConfigureAwait(false);
                return;
            }
            var stored = WithoutResultType(result);
            if (stored.Length > _host.Options.MaxResultBytes)
            {
                await FailAsync(ErrorObject(JsonRpcErrorCode.InternalError,
                    $"The result of tool '{_tool.Name}' is {stored.Length} bytes, over the tasks' limit of {_host.Options.MaxResultBytes} (McpTaskOptions.MaxResultBytes)."), null).ConfigureAwait(false);
                return;
            }
            // 2025-11-25: a tool error fails the task (its result is still what tasks/result returns); 2026-07-28 keeps it completed.
            var isError = result.TryGetProperty("isError"u8, out var flag) && flag.ValueKind == JsonValueKind.True;
            var status = isError && !_client.IsModern ? McpTaskStatus.Failed : McpTaskStatus.Completed;
            string? message = isError ? FirstText(result) : null;
            await TransitionAsync(r => r with { Status = status, Result = stored, StatusMessage = message, InputRequests = null }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Diagnostics.McpLog.Failed(_host.Server.Logger, $"recording the outcome of task '{TaskId}'", ex);
            await FailAsync(ErrorObject(JsonRpcErrorCode.InternalError, "The task's outcome could not be recorded: " + ex.Message), null).ConfigureAwait(false);
        }
    }

    private Task<McpTaskRecord?> FailAsync(byte[] error, string? message) =>
        TransitionAsync(r => r with { Status = McpTaskStatus.Failed, Error = error, StatusMessage = message, InputRequests = null }).AsTask();

    /// <summary>The handler asked for input: the task shows every open ask until <c>tasks/update</c> answers them all.</summary>
    private async Task AwaitInputAsync(JsonElement result)
    {
        var round = Volatile.Read(ref _call)?.Input;
        byte[] asks;
        bool rerun;
        lock (_gate)
        {
            if (round is not null)
            {
                foreach (var (key, answer) in round.Answers) _answers[key] = answer.Clone();
                _handlerState = round.NextHandlerState;
            }
            _outstanding.Clear();
            if (result.TryGetProperty("inputRequests"u8, out var requests) && requests.ValueKind == JsonValueKind.Object)
            {
                foreach (var ask in requests.EnumerateObject())
                {
                    var method = ask.Value.TryGetProperty("method"u8, out var m) ? m.GetString() ?? "" : "";
                    _outstanding.Add((ask.Name, method, JsonSerializerRaw(ask.Value)));
                }
            }
            asks = OutstandingJson();
            rerun = _outstanding.Count == 0; // only the handler's own state: nothing to wait for
        }
        if (rerun)
        {
            Rerun();
            return;
        }
        await TransitionAsync(r => r with { Status = McpTaskStatus.InputRequired, InputRequests = asks, StatusMessage = "Waiting for the client's input." }).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>tasks/update</c>: takes the answers to open asks (others are ignored), records what stays open before the ack,
    /// and runs the handler again once nothing does. Returns a problem with an answer's shape (-32602), or null.
    /// </summary>
    public async ValueTask<string?> UpdateAsync(JsonElement responses)
    {
        byte[] asks;
        bool complete;
        lock (_gate)
        {
            if (_outstanding.Count == 0) return null;
            foreach (var answer in responses.EnumerateObject())
            {
                var index = _outstanding.FindIndex(o => o.Key == answer.Name);
                if (index < 0) continue;
                if (ClientAnswers.Problem(_outstanding[index].Method, answer.Value) is { } problem) return $"inputResponses[\"{answer.Name}\"] {problem}.";
            }
            var answered = 0;
            foreach (var answer in responses.EnumerateObject())
            {
                var index = _outstanding.FindIndex(o => o.Key == answer.Name);
                if (index < 0) continue;
                _answers[answer.Name] = answer.Value.Clone();
                _outstanding.RemoveAt(index);
                answered++;
            }
            if (answered == 0) return null;
            asks = OutstandingJson();
            complete = _outstanding.Count == 0;
        }
        if (!complete)
        {
            await TransitionAsync(r => r with { InputRequests = asks }).ConfigureAwait(false);
            return null;
        }
        var working = await TransitionAsync(r => r with { Status = McpTaskStatus.Working, InputRequests = null, StatusMessage = null }).ConfigureAwait(false);
        if (working is { Status: McpTaskStatus.Working }) Rerun();
        return null;
    }

    /// <summary>Runs the handler again with every answer so far (a new round, in a new scope).</summary>
    private void Rerun()
    {
        if (++_rounds > _host.Server.Options.MaxInputRounds)
        {
            _ = FailAsync(ErrorObject(JsonRpcErrorCode.InternalError,
                $"The handler asked the client for input {_host.Server.Options.MaxInputRounds} times without finishing (McpServerOptions.MaxInputRounds)."), null);
            return;
        }
        McpToolCall call;
        lock (_gate)
        {
            call = NewCall();
            call.Input = new InputRound(new Dictionary<string, JsonElement>(_answers, StringComparer.Ordinal), _handlerState);
        }
        CallRunner.Start(call, _arguments);
    }

    /// <summary>
    /// Ends the task cancelled (first writer wins: a task that ended already keeps its outcome), then stops its handler.
    /// Returns the task as it stands.
    /// </summary>
    public async ValueTask<McpTaskRecord?> CancelAsync(string message)
    {
        var record = await TransitionAsync(r => r with { Status = McpTaskStatus.Cancelled, StatusMessage = message, InputRequests = null }).ConfigureAwait(false);
        StopHandler();
        return record;
    }

    /// <summary>Fires the running handler's token; it gets no response (its outcome is decided).</summary>
    private void StopHandler()
    {
        if (Volatile.Read(ref _call) is { } call) call.Connection.InFlight.TryCancel(_requestId);
    }

    /// <summary>
    /// Changes the stored task with <paramref name="change"/> unless it ended already, retrying when another writer came
    /// first. Returns the task as stored afterwards (null once it expired).
    /// </summary>
    private async ValueTask<McpTaskRecord?> TransitionAsync(Func<McpTaskRecord, McpTaskRecord> change)
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var current = await _host.Store.GetAsync(TaskId, Owner).ConfigureAwait(false);
            if (current is null)
            {
                End(null);
                return null;
            }
            if (current.IsTerminal)
            {
                End(current);
                return current;
            }
            var next = change(current) with { LastUpdatedAt = _host.Time.GetUtcNow() };
            if (next.IsTerminal) Volatile.Write(ref _ending, true);
            if (await _host.Store.TryReplaceAsync(current, next).ConfigureAwait(false))
            {
                var stored = next with { Version = current.Version + 1 };
                try
                {
                    if (stored.Status != current.Status) NotifyStatus(stored); // before the end wakes a waiting tasks/result
                }
                finally
                {
                    if (stored.IsTerminal) End(stored);
                }
                return stored;
            }
            Volatile.Write(ref _ending, false);
        }
        throw new InvalidOperationException($"Task '{TaskId}' kept changing under its writer.");
    }

    /// <summary>
    /// 2025-11-25: tells the session that made the task its new status (<c>notifications/tasks/status</c>, the full
    /// <c>Task</c>, without the <c>related-task</c> key). It goes on the stream of a waiting <c>tasks/result</c>, else on
    /// the session's. The client must not rely on it (it polls), so a session that ended gets none. 2026-07-28 sends
    /// status only on a <c>subscriptions/listen</c> stream that asks for task ids, which McpForge does not serve yet.
    /// </summary>
    private void NotifyStatus(McpTaskRecord task)
    {
        if (_client.IsModern || _origin.Legacy is null) return;
        _origin.Responder.Notification("notifications/tasks/status"u8, ResultRequest, task, static (w, t) =>
        {
            w.WriteStartObject();
            TaskJson.WriteLegacy(w, t);
            w.WriteEndObject();
        });
    }

    private void End(McpTaskRecord? record)
    {
        if (record is null || record.IsTerminal)
        {
            _host.Runs.TryRemove(new KeyValuePair<string, TaskRun>(TaskId, this));
            _expiry?.Dispose();
            if (record is not null) _ended.TrySetResult(record);
            else _ended.TrySetCanceled();
        }
    }

    private byte[] OutstandingJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, MessageBuffer.WriterOptions))
        {
            w.WriteStartObject();
            foreach (var (key, _, ask) in _outstanding)
            {
                w.WritePropertyName(key);
                w.WriteRawValue(ask, skipInputValidation: true);
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The result object as the tool wrote it, without the envelope's <c>resultType</c> (the task's own answer has one).</summary>
    private static byte[] WithoutResultType(JsonElement result)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, MessageBuffer.WriterOptions))
        {
            w.WriteStartObject();
            foreach (var member in result.EnumerateObject())
            {
                if (member.NameEquals("resultType"u8)) continue;
                member.WriteTo(w);
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] JsonSerializerRaw(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, MessageBuffer.WriterOptions)) element.WriteTo(w);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A JSON-RPC error object in McpForge's shape (docs/errors.md): the code's fixed message, the details in <c>data</c>.</summary>
    internal static byte[] ErrorObject(int code, string details)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, MessageBuffer.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("code"u8, code);
            w.WriteString("message"u8, JsonRpcWriter.MessageText(code));
            w.WriteStartObject("data"u8);
            w.WriteString("details"u8, details);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static string? Details(JsonElement error) =>
        error.TryGetProperty("data"u8, out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("details"u8, out var details)
            && details.ValueKind == JsonValueKind.String ? details.GetString()
        : error.TryGetProperty("message"u8, out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null;

    private static string? FirstText(JsonElement result)
    {
        if (!result.TryGetProperty("content"u8, out var content) || content.ValueKind != JsonValueKind.Array) return null;
        foreach (var block in content.EnumerateArray())
        {
            if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String) return text.GetString();
        }
        return null;
    }
}
