using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Protocol;

namespace McpForge;

public sealed partial class McpContext
{
    private static readonly TimeSpan s_defaultRootsTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_defaultSamplingTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_defaultElicitationTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Asks the client for its roots (<c>roots/list</c>). Throws <see cref="InvalidOperationException"/> when the client
    /// did not declare the <c>roots</c> capability, <see cref="McpClientException"/> when it answers with an error, and
    /// <see cref="TimeoutException"/> when it does not answer within <paramref name="timeout"/> (default 30 s).
    /// </summary>
    public async Task<IReadOnlyList<McpRoot>> ListRootsAsync(TimeSpan? timeout = null)
    {
        Require(McpClientCapabilities.Roots, "roots", "be asked for its roots");
        var result = await _session.SendRequestAsync("roots/list", _call.RequestId, 0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }, timeout ?? s_defaultRootsTimeout, CancellationToken).ConfigureAwait(false);
        var roots = new List<McpRoot>();
        if (result.TryGetProperty("roots"u8, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var root in array.EnumerateArray())
            {
                if (root.TryGetProperty("uri"u8, out var uri) && uri.ValueKind == JsonValueKind.String)
                {
                    roots.Add(new McpRoot(uri.GetString()!, root.TryGetProperty("name"u8, out var name) ? name.GetString() : null));
                }
            }
        }
        return roots;
    }

    /// <summary>
    /// Asks the client's model for a completion of <paramref name="messages"/> (<c>sampling/createMessage</c>); the
    /// client may show it to the user first. Throws <see cref="InvalidOperationException"/> when the client did not
    /// declare <c>sampling</c>, <see cref="McpClientException"/> for an error answer (such as a user's refusal), and
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
    public async Task<SamplingResult> SampleAsync(SamplingRequest request, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        Require(McpClientCapabilities.Sampling, "sampling", "be asked to sample");
        if (request.Tools is { Count: > 0 })
        {
            Require(McpClientCapabilities.SamplingTools, "sampling.tools", "be offered tools in a sampling request");
        }
        var result = await _session.SendRequestAsync("sampling/createMessage", _call.RequestId, request, static (w, r) => r.WriteTo(w),
            timeout ?? s_defaultSamplingTimeout, CancellationToken).ConfigureAwait(false);

        var role = result.TryGetProperty("role"u8, out var r) && r.ValueEquals("user"u8) ? Role.User : Role.Assistant;
        var model = result.TryGetProperty("model"u8, out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : string.Empty;
        var stop = result.TryGetProperty("stopReason"u8, out var sr) && sr.ValueKind == JsonValueKind.String ? sr.GetString() : null;
        if (!result.TryGetProperty("content"u8, out var content) || content.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            throw new McpClientException(0, "The sampling result has no content.");
        }
        var blocks = ContentBlockReader.ReadOneOrMany(content);
        if (blocks.Count == 0) throw new McpClientException(0, "The sampling result has no content.");
        return new SamplingResult(role, blocks, model, stop);
    }

    /// <summary>
    /// Asks the user for structured input through the client (<c>elicitation/create</c>, form mode).
    /// <paramref name="requestedSchema"/> is the form as MCP's restricted JSON Schema: an object whose properties are
    /// strings, numbers, integers, booleans or enums (with <c>default</c>s, SEP-1034; enum shapes of SEP-1330). Never
    /// ask for secrets this way (use <see cref="ElicitUrlAsync"/>). Throws <see cref="InvalidOperationException"/> when
    /// the client did not declare form elicitation, <see cref="ArgumentException"/> when the schema is not an object
    /// schema, and as sampling does for errors and timeouts (default 10 minutes: a person is answering).
    /// </summary>
    public async Task<ElicitationResult> ElicitAsync(string message, string requestedSchema, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(requestedSchema);
        Require(McpClientCapabilities.Elicitation, "elicitation (form mode)", "be asked to fill in a form");
        using var schema = ParseFormSchema(requestedSchema);
        var result = await _session.SendRequestAsync("elicitation/create", _call.RequestId, (message, schema.RootElement), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("mode"u8, "form"u8);
            w.WriteString("message"u8, s.message);
            w.WritePropertyName("requestedSchema"u8);
            s.RootElement.WriteTo(w);
            w.WriteEndObject();
        }, timeout ?? s_defaultElicitationTimeout, CancellationToken).ConfigureAwait(false);
        return ReadElicitationResult(result);
    }

    /// <summary>
    /// Asks the user to open a URL and complete something there (<c>elicitation/create</c>, URL mode, 2025-11-25):
    /// for credentials, payments or consent that must not pass through the client. The answer says only whether the
    /// user agreed to open it; call <see cref="NotifyElicitationCompleteAsync"/> when the out-of-band step is done.
    /// Throws <see cref="InvalidOperationException"/> when the client did not declare URL elicitation.
    /// </summary>
    public async Task<ElicitationResult> ElicitUrlAsync(UrlElicitation elicitation, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(elicitation);
        Require(McpClientCapabilities.ElicitationUrl, "elicitation.url", "be sent a URL elicitation");
        if (!Uri.TryCreate(elicitation.Url, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"'{elicitation.Url}' is not an absolute URL.", nameof(elicitation));
        }
        var result = await _session.SendRequestAsync("elicitation/create", _call.RequestId, elicitation, static (w, e) => e.WriteParams(w),
            timeout ?? s_defaultElicitationTimeout, CancellationToken).ConfigureAwait(false);
        return ReadElicitationResult(result);
    }

    /// <summary>Tells the client that the URL elicitation <paramref name="elicitationId"/> was completed (<c>notifications/elicitation/complete</c>).</summary>
    public ValueTask NotifyElicitationCompleteAsync(string elicitationId)
    {
        ArgumentNullException.ThrowIfNull(elicitationId);
        _session.SendNotification("notifications/elicitation/complete"u8, _call.RequestId, elicitationId, static (w, id) =>
        {
            w.WriteStartObject();
            w.WriteString("elicitationId"u8, id);
            w.WriteEndObject();
        });
        return ValueTask.CompletedTask;
    }

    private static ElicitationResult ReadElicitationResult(JsonElement result)
    {
        var action = result.TryGetProperty("action"u8, out var a) && a.ValueKind == JsonValueKind.String
            ? a.GetString() switch
            {
                "accept" => ElicitationAction.Accept,
                "decline" => ElicitationAction.Decline,
                "cancel" => ElicitationAction.Cancel,
                var other => throw new McpClientException(0, $"The elicitation result's action '{other}' is not accept, decline or cancel."),
            }
            : throw new McpClientException(0, "The elicitation result has no \"action\".");
        JsonElement? content = result.TryGetProperty("content"u8, out var c) && c.ValueKind == JsonValueKind.Object ? c : null;
        return new ElicitationResult(action, action == ElicitationAction.Accept ? content : null);
    }

    private static JsonDocument ParseFormSchema(string requestedSchema)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(requestedSchema);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The requested schema is not valid JSON: " + ex.Message, nameof(requestedSchema), ex);
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type"u8, out var type) || !type.ValueEquals("object"u8)
            || !root.TryGetProperty("properties"u8, out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ArgumentException("An elicitation form schema must be {\"type\": \"object\", \"properties\": {...}}.", nameof(requestedSchema));
        }
        return document;
    }

    private void Require(McpClientCapabilities capability, string name, string what)
    {
        if ((_session.ClientCapabilities & capability) == 0)
        {
            throw new InvalidOperationException($"The client did not declare the '{name}' capability, so it cannot {what}.");
        }
    }
}
