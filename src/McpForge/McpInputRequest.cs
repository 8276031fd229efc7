using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using McpForge.ClientInput;
using McpForge.JsonRpc;
using McpForge.Protocol;

namespace McpForge;

/// <summary>
/// One thing a handler asks of the client: a form or a URL for the user (<c>elicitation/create</c>), a completion from
/// the client's model (<c>sampling/createMessage</c>), or the client's roots (<c>roots/list</c>). Give several at once
/// to <see cref="McpContext.AskAsync"/>, or to <see cref="McpInputRequiredException"/> for a handler that keeps its own
/// state between rounds. In a 2025-11-25 session each becomes a request to the client; on a 2026-07-28 request they
/// travel in an <c>input_required</c> result and come back in the client's retry.
/// </summary>
public sealed class McpInputRequest
{
    private readonly byte[] _params;
    private readonly byte[] _legacyParams;

    private McpInputRequest(string method, byte[] @params, byte[]? legacyParams, McpClientCapabilities required, string capability, string what)
    {
        Method = method;
        _params = @params;
        _legacyParams = legacyParams ?? @params;
        Requires = required;
        CapabilityName = capability;
        What = what;
    }

    /// <summary>The method the client serves: <c>elicitation/create</c>, <c>sampling/createMessage</c> or <c>roots/list</c>.</summary>
    public string Method { get; }

    /// <summary>The client capability it needs.</summary>
    internal McpClientCapabilities Requires { get; }

    /// <summary>The capability's name in messages (<c>sampling.tools</c>).</summary>
    internal string CapabilityName { get; }

    /// <summary>What the client could not do without it, for the message (<c>be asked to sample</c>).</summary>
    internal string What { get; }

    /// <summary>The request's params as 2026-07-28 embeds them in <c>inputRequests</c>.</summary>
    internal ReadOnlySpan<byte> Params => _params;

    /// <summary>The request's params as a 2025-11-25 session sends them (a URL elicitation keeps its id there).</summary>
    internal ReadOnlySpan<byte> LegacyParams => _legacyParams;

    /// <summary>
    /// A form for the user (form mode): <paramref name="requestedSchema"/> is MCP's restricted JSON Schema, an object
    /// whose properties are strings, numbers, integers, booleans or enums. Never ask for secrets this way.
    /// </summary>
    public static McpInputRequest Elicit(string message, string requestedSchema)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(requestedSchema);
        using var schema = FormSchema.Parse(requestedSchema);
        var @params = Write((message, schema.RootElement), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("mode"u8, "form"u8);
            w.WriteString("message"u8, s.message);
            w.WritePropertyName("requestedSchema"u8);
            s.RootElement.WriteTo(w);
            w.WriteEndObject();
        });
        return new McpInputRequest("elicitation/create", @params, null, McpClientCapabilities.Elicitation, "elicitation (form mode)", "be asked to fill in a form");
    }

    /// <summary>The form <typeparamref name="T"/> (a type marked <c>[McpElicitationForm]</c>), whose schema the generator wrote.</summary>
    public static McpInputRequest Elicit<T>(string message) where T : IMcpElicitationForm<T> =>
        Elicit(message, Encoding.UTF8.GetString(T.RequestedSchema));

    /// <summary>
    /// A URL for the user to open and complete something out of band (URL mode, 2025-11-25): credentials, a payment,
    /// consent. The answer says only whether the user agreed to open it.
    /// </summary>
    public static McpInputRequest ElicitUrl(UrlElicitation elicitation)
    {
        ArgumentNullException.ThrowIfNull(elicitation);
        if (!Uri.TryCreate(elicitation.Url, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"'{elicitation.Url}' is not an absolute URL.", nameof(elicitation));
        }
        // 2026-07-28 dropped the elicitation id (completion is learned on the retry); a session still sends it.
        var modern = Write(elicitation, static (w, e) => e.WriteParams(w, includeId: false));
        var legacy = Write(elicitation, static (w, e) => e.WriteParams(w, includeId: true));
        return new McpInputRequest("elicitation/create", modern, legacy, McpClientCapabilities.ElicitationUrl, "elicitation.url", "be sent a URL elicitation");
    }

    /// <summary>A completion of the conversation in <paramref name="request"/> from the client's model.</summary>
    public static McpInputRequest Sample(SamplingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var withTools = request.Tools is { Count: > 0 };
        return new McpInputRequest("sampling/createMessage", Write(request, static (w, r) => r.WriteTo(w)), null,
            withTools ? McpClientCapabilities.Sampling | McpClientCapabilities.SamplingTools : McpClientCapabilities.Sampling,
            withTools ? "sampling.tools" : "sampling", withTools ? "be offered tools in a sampling request" : "be asked to sample");
    }

    /// <summary>The client's roots (the folders or files it exposes).</summary>
    public static McpInputRequest ListRoots() =>
        new("roots/list", "{}"u8.ToArray(), null, McpClientCapabilities.Roots, "roots", "be asked for its roots");

    /// <summary>Throws <see cref="McpMissingClientCapabilityException"/> when <paramref name="declared"/> lacks what this needs.</summary>
    internal void EnsureDeclared(McpClientCapabilities declared)
    {
        if ((declared & Requires) != Requires) throw new McpMissingClientCapabilityException(this);
    }

    /// <summary>Writes the <c>ClientCapabilities</c> object naming what this needs (the <c>data.requiredCapabilities</c> of -32021).</summary>
    internal void WriteRequiredCapabilities(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if ((Requires & McpClientCapabilities.Sampling) != 0)
        {
            w.WriteStartObject("sampling"u8);
            if ((Requires & McpClientCapabilities.SamplingTools) != 0)
            {
                w.WriteStartObject("tools"u8);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        if ((Requires & (McpClientCapabilities.Elicitation | McpClientCapabilities.ElicitationUrl)) != 0)
        {
            w.WriteStartObject("elicitation"u8);
            if ((Requires & McpClientCapabilities.ElicitationUrl) != 0)
            {
                w.WriteStartObject("url"u8);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        if ((Requires & McpClientCapabilities.Roots) != 0)
        {
            w.WriteStartObject("roots"u8);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, MessageBuffer.WriterOptions))
        {
            write(writer, state);
        }
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>The client did not declare the capability a request to it needs, so the server may not ask it.</summary>
public sealed class McpMissingClientCapabilityException : InvalidOperationException
{
    internal McpMissingClientCapabilityException(McpInputRequest request)
        : base($"The client did not declare the '{request.CapabilityName}' capability, so it cannot {request.What}.")
    {
        Request = request;
    }

    /// <summary>What was asked.</summary>
    public McpInputRequest Request { get; }
}

/// <summary>
/// Thrown by a handler that needs input from the client before it can finish and keeps its own state between rounds
/// (the explicit form of multi round-trip requests): the client is asked for <see cref="Requests"/>, and the handler
/// runs again with the answers in <see cref="McpContext.InputResponses"/> and <see cref="RequestState"/> in
/// <see cref="McpContext.RequestState"/>. On a 2026-07-28 request this is the <c>input_required</c> result (its state
/// sealed by the server); in a 2025-11-25 session the server asks the client itself and runs the handler again, up to
/// <see cref="McpServerOptions.MaxInputRounds"/> times. Handlers that ask with <see cref="McpContext.ElicitAsync(string, string, TimeSpan?)"/>
/// and its siblings never need this.
/// </summary>
public sealed class McpInputRequiredException : Exception
{
    /// <summary>Asks for <paramref name="requests"/>, by keys of the handler's choosing, carrying <paramref name="requestState"/> to the next round.</summary>
    public McpInputRequiredException(IReadOnlyDictionary<string, McpInputRequest> requests, string? requestState = null)
        : base("The handler needs input from the client before it can finish.")
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0 && requestState is null)
        {
            throw new ArgumentException("Ask for at least one input, or carry a request state to the next round.", nameof(requests));
        }
        Requests = requests;
        RequestState = requestState;
    }

    /// <summary>What the client is asked for, by key.</summary>
    public IReadOnlyDictionary<string, McpInputRequest> Requests { get; }

    /// <summary>The handler's own state for its next round; the server seals it (the client cannot read or change it).</summary>
    public string? RequestState { get; }
}
