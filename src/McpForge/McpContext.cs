using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using McpForge.ClientInput;
using McpForge.JsonRpc;
using McpForge.Protocol;
using McpForge.Server;
using Microsoft.Extensions.Logging;

namespace McpForge;

/// <summary>
/// What a handler can do besides returning a result: report progress, log to the client, ask the client for something
/// (sampling, elicitation, roots), and learn about the client and the request. Declare a parameter of this type to
/// receive it; it is not part of the input schema.
/// </summary>
/// <remarks>
/// The same code serves both protocol eras. In a 2025-11-25 session an ask is a request to the client that the handler
/// awaits. On a 2026-07-28 request the server sends no requests: the first unanswered ask ends the handler's run and the
/// client is answered <c>input_required</c>; its retry runs the handler again, and each ask already answered returns at
/// once. So a handler that asks runs again up to its asks: keep side effects after them, or make them idempotent
/// (docs/client-requests.md).
/// </remarks>
public sealed class McpContext
{
    private static readonly TimeSpan s_defaultRootsTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_defaultSamplingTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_defaultElicitationTimeout = TimeSpan.FromMinutes(10);

    private readonly McpCall _call;
    private ILogger? _logger;

    internal McpContext(McpCall call) => _call = call;

    /// <summary>The id of the request being served.</summary>
    public RequestId RequestId => _call.RequestId;

    /// <summary>Cancelled when the client cancels the request (or closes its stream), or it times out.</summary>
    public CancellationToken CancellationToken => _call.CancellationToken;

    /// <summary>The protocol version of the request: the session's, or the one a 2026-07-28 request names.</summary>
    public string ProtocolVersion => _call.Client.ProtocolVersion;

    /// <summary>
    /// The authenticated caller (its claims: subject, scopes, …) when the transport authenticates (Streamable HTTP with
    /// authentication, docs/authorization.md); null over stdio, whose server runs as the user who started it.
    /// </summary>
    public System.Security.Claims.ClaimsPrincipal? User => _call.User;

    /// <summary>The client's name and version, as it reports them (optional on 2026-07-28 requests).</summary>
    public McpClientInfo? ClientInfo => _call.Client.ClientInfo;

    /// <summary>What the client declared it can do (<c>roots</c>, <c>sampling</c>, <c>elicitation</c>), for this request.</summary>
    public McpClientCapabilities ClientCapabilities => _call.Client.Capabilities;

    /// <summary>The server, for notifications to clients (<see cref="McpServer.NotifyResourceUpdatedAsync"/>).</summary>
    public McpServer Server => _call.Connection.Server;

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _call.Services;

    /// <summary>True when the client asked for progress (sent a <c>progressToken</c>); otherwise progress reports are dropped.</summary>
    public bool ProgressRequested => _call.ProgressToken.IsValid;

    /// <summary>
    /// The client's answers to what an earlier round asked (a handler that keeps its own state between rounds reads them
    /// here; <see cref="ElicitAsync(string, string, TimeSpan?)"/> and its siblings read them for themselves).
    /// </summary>
    public McpInputResponses InputResponses => _call.Input?.Responses ?? McpInputResponses.Empty;

    /// <summary>The state the handler carried from its previous round (<see cref="McpInputRequiredException.RequestState"/>), or null.</summary>
    public string? RequestState => _call.Input?.HandlerState;

    /// <summary>
    /// Sends <c>notifications/progress</c> for this request, if the client asked for progress. The token is echoed
    /// with the JSON type the client gave it (integer or string). Progress should increase with each report;
    /// nothing is sent once the call has finished.
    /// </summary>
    public ValueTask ReportProgressAsync(double progress, double? total = null, string? message = null)
    {
        if (!_call.ProgressToken.IsValid || !_call.IsRunning)
        {
            return ValueTask.CompletedTask;
        }
        _call.Connection.Responder.Notification("notifications/progress"u8, _call.RequestId, (_call.ProgressToken, progress, total, message), static (w, s) =>
        {
            w.WriteStartObject();
            w.WritePropertyName("progressToken"u8);
            s.ProgressToken.WriteTo(w);
            w.WriteNumber("progress"u8, s.progress);
            if (s.total is double total) w.WriteNumber("total"u8, total);
            if (s.message is not null) w.WriteString("message"u8, s.message);
            w.WriteEndObject();
        });
        return _call.Connection.WaitForOutputRoomAsync();
    }

    /// <summary>
    /// Sends <c>notifications/message</c> to the client when it wants <paramref name="level"/>: in a session, at or above
    /// the level it set with <c>logging/setLevel</c> (default <see cref="McpLogLevel.Info"/>); on a 2026-07-28 request, at
    /// or above the request's <c>logLevel</c>, and nothing when it names none. It travels with this request's response.
    /// </summary>
    public ValueTask LogAsync(McpLogLevel level, string message, string? logger = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_call.Client.WantsLog(level)) return ValueTask.CompletedTask;
        _call.Connection.Responder.Log(level, message, logger, _call.RequestId);
        return _call.Connection.WaitForOutputRoomAsync();
    }

    /// <summary>Logs at <see cref="McpLogLevel.Debug"/>.</summary>
    public ValueTask LogDebugAsync(string message) => LogAsync(McpLogLevel.Debug, message);

    /// <summary>Logs at <see cref="McpLogLevel.Info"/>.</summary>
    public ValueTask LogInfoAsync(string message) => LogAsync(McpLogLevel.Info, message);

    /// <summary>Logs at <see cref="McpLogLevel.Warning"/>.</summary>
    public ValueTask LogWarningAsync(string message) => LogAsync(McpLogLevel.Warning, message);

    /// <summary>Logs at <see cref="McpLogLevel.Error"/>.</summary>
    public ValueTask LogErrorAsync(string message) => LogAsync(McpLogLevel.Error, message);

    /// <summary>
    /// An <see cref="ILogger"/> whose entries reach this client as <c>notifications/message</c> (with the tool's name as
    /// the <c>logger</c>), at the levels it wants; <see cref="ILogger.IsEnabled"/> answers from them, so disabled entries
    /// cost nothing. Use it to hand a client-visible logger to library code.
    /// </summary>
    public ILogger Logger => _logger ??= new ClientLogger(_call);

    /// <summary>
    /// Ends this request's Streamable HTTP stream for now (SSE polling, SEP-1699) while the tool keeps running: the
    /// client reconnects after the retry interval with <c>Last-Event-ID</c> and receives the progress, logs and result
    /// sent meanwhile. Frees the connection during long work. Returns false, and does nothing, where the transport
    /// cannot resume the stream (stdio, stateless HTTP, 2026-07-28 requests, a client older than 2025-11-25, no event store).
    /// </summary>
    public bool CloseSseStream() => _call.IsRunning && !_call.Client.IsModern && _call.Connection.EndStreamForPolling(_call.RequestId);

    /// <summary>
    /// Asks the client for its roots (<c>roots/list</c>). Throws <see cref="McpMissingClientCapabilityException"/> when the
    /// client did not declare the <c>roots</c> capability, <see cref="McpClientException"/> when it answers with an error,
    /// and <see cref="TimeoutException"/> when it does not answer within <paramref name="timeout"/> (default 30 s).
    /// </summary>
    public async Task<IReadOnlyList<McpRoot>> ListRootsAsync(TimeSpan? timeout = null) =>
        ClientAnswers.Roots(await ClientAsks.AskAsync(_call, null, McpInputRequest.ListRoots(), timeout ?? s_defaultRootsTimeout).ConfigureAwait(false));

    /// <summary>
    /// Asks the client's model for a completion of <paramref name="messages"/> (<c>sampling/createMessage</c>); the
    /// client may show it to the user first. Throws <see cref="McpMissingClientCapabilityException"/> when the client did
    /// not declare <c>sampling</c>, <see cref="McpClientException"/> for an error answer (such as a user's refusal), and
    /// <see cref="TimeoutException"/> when it does not answer within <paramref name="timeout"/> (default 2 minutes).
    /// </summary>
    public Task<SamplingResult> SampleAsync(IReadOnlyList<PromptMessage> messages, int maxTokens, string? systemPrompt = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var converted = new SamplingMessage[messages.Count];
        for (var i = 0; i < converted.Length; i++) converted[i] = new SamplingMessage(messages[i].Role, messages[i].Content);
        return SampleAsync(new SamplingRequest { Messages = converted, MaxTokens = maxTokens, SystemPrompt = systemPrompt }, timeout);
    }

    /// <summary>
    /// Sends a full <c>sampling/createMessage</c> request, which may offer <see cref="SamplingRequest.Tools"/> to the model
    /// (2025-11-25; needs the client's <c>sampling.tools</c> capability). When the model calls tools, the result's
    /// <see cref="SamplingResult.ToolUses"/> lists them: run them, append the model's message and a user message of
    /// <see cref="ToolResultContent"/>s, and sample again. Throws as <see cref="SampleAsync(IReadOnlyList{PromptMessage}, int, string?, TimeSpan?)"/>.
    /// </summary>
    public async Task<SamplingResult> SampleAsync(SamplingRequest request, TimeSpan? timeout = null) =>
        ClientAnswers.Sampling(await ClientAsks.AskAsync(_call, null, McpInputRequest.Sample(request), timeout ?? s_defaultSamplingTimeout).ConfigureAwait(false));

    /// <summary>
    /// Asks the user for structured input through the client (<c>elicitation/create</c>, form mode).
    /// <paramref name="requestedSchema"/> is the form as MCP's restricted JSON Schema: an object whose properties are
    /// strings, numbers, integers, booleans or enums (with <c>default</c>s, SEP-1034; enum shapes of SEP-1330). Never
    /// ask for secrets this way (use <see cref="ElicitUrlAsync"/>). Throws <see cref="McpMissingClientCapabilityException"/>
    /// when the client did not declare form elicitation, <see cref="ArgumentException"/> when the schema is not an
    /// object schema, and as sampling does for errors and timeouts (default 10 minutes: a person is answering).
    /// </summary>
    public async Task<ElicitationResult> ElicitAsync(string message, string requestedSchema, TimeSpan? timeout = null) =>
        ClientAnswers.Elicitation(await ClientAsks.AskAsync(_call, null, McpInputRequest.Elicit(message, requestedSchema),
            timeout ?? s_defaultElicitationTimeout).ConfigureAwait(false));

    /// <summary>
    /// Asks the user to fill in the form <typeparamref name="T"/> (<c>elicitation/create</c>, form mode): a type marked
    /// <c>[McpElicitationForm]</c>, whose restricted schema the generator wrote. An accepted answer is read into a
    /// <typeparamref name="T"/> by generated code; declined and cancelled answers carry none. Throws as
    /// <see cref="ElicitAsync(string, string, TimeSpan?)"/> does, and <see cref="McpClientException"/> when the client's
    /// content does not match the form (every mismatch, with its path, in the message).
    /// </summary>
    public async Task<ElicitationResult<T>> ElicitAsync<T>(string message, TimeSpan? timeout = null) where T : IMcpElicitationForm<T> =>
        ClientAnswers.Form<T>(ClientAnswers.Elicitation(await ClientAsks.AskAsync(_call, null, McpInputRequest.Elicit<T>(message),
            timeout ?? s_defaultElicitationTimeout).ConfigureAwait(false)));

    /// <summary>
    /// Asks the user to open a URL and complete something there (<c>elicitation/create</c>, URL mode, 2025-11-25):
    /// for credentials, payments or consent that must not pass through the client. The answer says only whether the
    /// user agreed to open it; in a session, call <see cref="NotifyElicitationCompleteAsync"/> when the out-of-band step
    /// is done (a 2026-07-28 client learns it on its retry). Throws <see cref="McpMissingClientCapabilityException"/>
    /// when the client did not declare URL elicitation.
    /// </summary>
    public async Task<ElicitationResult> ElicitUrlAsync(UrlElicitation elicitation, TimeSpan? timeout = null) =>
        ClientAnswers.Elicitation(await ClientAsks.AskAsync(_call, null, McpInputRequest.ElicitUrl(elicitation),
            timeout ?? s_defaultElicitationTimeout).ConfigureAwait(false));

    /// <summary>
    /// Asks several things at once (elicitation, sampling, roots), by keys of your choosing, and returns every answer:
    /// in a session the requests go out together; on a 2026-07-28 request they travel in one <c>input_required</c>
    /// round. Throws as the single asks do; <paramref name="timeout"/> (default 10 minutes) bounds each in a session.
    /// </summary>
    public Task<McpInputResponses> AskAsync(IReadOnlyDictionary<string, McpInputRequest> requests, TimeSpan? timeout = null) =>
        ClientAsks.AskAllAsync(_call, requests, timeout ?? s_defaultElicitationTimeout);

    /// <summary>
    /// Tells a session's client that the URL elicitation <paramref name="elicitationId"/> was completed
    /// (<c>notifications/elicitation/complete</c>). Does nothing on a 2026-07-28 request, which has no such notification.
    /// </summary>
    public ValueTask NotifyElicitationCompleteAsync(string elicitationId)
    {
        ArgumentNullException.ThrowIfNull(elicitationId);
        if (_call.Client.IsModern) return ValueTask.CompletedTask;
        _call.Connection.Responder.Notification("notifications/elicitation/complete"u8, _call.RequestId, elicitationId, static (w, id) =>
        {
            w.WriteStartObject();
            w.WriteString("elicitationId"u8, id);
            w.WriteEndObject();
        });
        return ValueTask.CompletedTask;
    }
}
