using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Testing;

/// <summary>How an <see cref="McpTestClient"/> connects and what it can answer.</summary>
public sealed class McpTestClientOptions
{
    /// <summary>The protocol era to speak; <see cref="McpTestProtocol.Session"/> by default.</summary>
    public McpTestProtocol Protocol { get; set; } = McpTestProtocol.Session;

    /// <summary>The <c>clientInfo</c> name the client gives.</summary>
    public string ClientName { get; set; } = "mcpforge-test-client";

    /// <summary>
    /// The lowest level of log entries the client asks for: <c>logging/setLevel</c> after <c>initialize</c> in a session,
    /// <c>io.modelcontextprotocol/logLevel</c> in every 2026-07-28 request's <c>_meta</c>. <c>info</c> by default (the
    /// session's default, applied to both eras alike); null asks for none on 2026-07-28 and leaves a session at its default.
    /// </summary>
    public string? LogLevel { get; set; } = "info";

    /// <summary>
    /// Answers <c>sampling/createMessage</c>: given its params, returns a <c>CreateMessageResult</c> (see
    /// <see cref="McpTestAnswers.SampledText"/>). When set, the client declares the <c>sampling</c> capability.
    /// </summary>
    public Func<JsonElement, CancellationToken, ValueTask<JsonObject>>? SamplingHandler { get; set; }

    /// <summary>
    /// Answers <c>elicitation/create</c> (form and URL modes): given its params, returns an <c>ElicitResult</c> (see
    /// <see cref="McpTestAnswers.Accept(JsonObject)"/>). When set, the client declares the <c>elicitation</c> capability.
    /// </summary>
    public Func<JsonElement, CancellationToken, ValueTask<JsonObject>>? ElicitationHandler { get; set; }

    /// <summary>
    /// Answers <c>roots/list</c> with a <c>ListRootsResult</c> (see <see cref="McpTestAnswers.Roots"/>). When set, the
    /// client declares the <c>roots</c> capability.
    /// </summary>
    public Func<JsonElement, CancellationToken, ValueTask<JsonObject>>? RootsHandler { get; set; }

    /// <summary>
    /// How long the client waits for any one answer before it throws <see cref="TimeoutException"/>: a test never hangs
    /// on a server that does not answer. 30 seconds by default.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most <c>input_required</c> rounds one 2026-07-28 request may take before the client gives up (10).</summary>
    public int MaxInputRounds { get; set; } = 10;
}
