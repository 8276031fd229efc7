using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Server;
using McpForge.Transports;
using McpForge.Transports.Stdio;

namespace McpForge;

/// <summary>An MCP server: its identity, options, tools and services. Run it over a transport.</summary>
public sealed class McpServer
{
    internal McpServer(string name, string version, McpServerOptions options, ComponentRegistry<Tools.McpTool> tools,
        ComponentRegistry<Prompts.McpPrompt> prompts, ResourceRegistry resources,
        System.Collections.Generic.Dictionary<(string, string), Completions.McpCompletion> completions, ServiceRegistry services,
        Microsoft.Extensions.Logging.ILogger logger)
    {
        Logger = logger;
        Tracer = options.MessageTrace is { } trace ? new Diagnostics.MessageTracer(trace) : null;
        Completions = completions;
        Prompts = prompts;
        Resources = resources;
        Name = name;
        Version = version;
        Options = options;
        Tools = tools;
        Registry = services;
        Deadlines = new ToolDeadlines(options.TimeProvider);
        Implementation = WriteImplementation(name, version, options);
        ResultMeta = WriteResultMeta(Implementation);
        CompleteResultEnd = [.. ",\"resultType\":\"complete\",\"_meta\":"u8, .. ResultMeta, .. "}}"u8];
        RequestStateProtector = options.RequestStateProtector ?? new ClientInput.AesGcmRequestStateProtector();
        EventBus = options.EventBus ?? new Subscriptions.InProcessEventBus();
        Tasks = options.Tasks is { } tasks ? new McpForge.Tasks.TaskHost(this, tasks) : null;
        // For the server's lifetime: a server is not disposed, and its events stop reaching it when its process ends.
        _ = EventBus.Subscribe(OnEvent);
    }

    /// <summary>Where the server's changes travel to every session and listen stream (of every instance, behind a shared bus).</summary>
    internal Subscriptions.IMcpEventBus EventBus { get; }

    /// <summary>The server's tasks (store, limits, runs in this process); null when tasks are off.</summary>
    internal McpForge.Tasks.TaskHost? Tasks { get; }

    /// <summary>The open <c>subscriptions/listen</c> streams of 2026-07-28 clients.</summary>
    internal Subscriptions.ListenerRegistry Listeners { get; } = new();

    /// <summary>An event reached this instance: legacy sessions hear it unsolicited, as 2025-11-25 has it; listen streams if their filter asks.</summary>
    private void OnEvent(Subscriptions.McpServerEvent @event)
    {
        if (@event.Kind == Subscriptions.McpServerEventKind.ResourceUpdated)
        {
            foreach (var session in _sessions.Keys) session.Legacy?.NotifyResourceUpdated(@event.Uri!);
        }
        else
        {
            var method = @event.Kind switch
            {
                Subscriptions.McpServerEventKind.ToolsListChanged => "notifications/tools/list_changed"u8,
                Subscriptions.McpServerEventKind.PromptsListChanged => "notifications/prompts/list_changed"u8,
                _ => "notifications/resources/list_changed"u8,
            };
            foreach (var session in _sessions.Keys) session.Legacy?.NotifyListChanged(method);
        }
        Listeners.Deliver(@event);
    }

    /// <summary>
    /// Ends the <c>subscriptions/listen</c> streams of <paramref name="connection"/> (null: of every connection) as its
    /// transport stops; <paramref name="graceful"/> gives each its result first (docs/transports.md, "Listen streams").
    /// </summary>
    [System.Diagnostics.CodeAnalysis.Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
    public void EndSubscriptions(McpConnection? connection, bool graceful) => Listeners.End(connection, graceful);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<McpConnection, byte> _sessions = new();

    /// <summary>Requests waiting for a slot on every open connection: tests wait on it to know a request was queued.</summary>
    internal int QueuedRequests
    {
        get
        {
            var queued = 0;
            foreach (var session in _sessions.Keys) queued += session.Admission.Queued;
            return queued;
        }
    }

    /// <summary>Workers scheduled to start queued requests, over every open connection.</summary>
    internal int QueuePumpsScheduled
    {
        get
        {
            var pumps = 0;
            foreach (var session in _sessions.Keys) pumps += session.Admission.PumpsScheduled;
            return pumps;
        }
    }

    /// <summary>
    /// Counts <paramref name="session"/> among the server's open sessions: it hears list changes and resource updates, and
    /// the session metrics count it. Call it once <c>initialize</c> succeeded (or for the life of a one-client transport).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
    public void Attach(McpConnection session)
    {
        if (!_sessions.TryAdd(session, 0)) return;
        if (Diagnostics.McpTelemetry.ActiveSessions.Enabled)
        {
            Diagnostics.McpTelemetry.ActiveSessions.Add(1, Diagnostics.McpTelemetry.Tag("network.transport", session.Transport));
        }
    }

    /// <summary>The session ended: it leaves what <see cref="Attach"/> joined it to. Idempotent.</summary>
    [System.Diagnostics.CodeAnalysis.Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
    public void Detach(McpConnection session)
    {
        if (!_sessions.TryRemove(session, out _)) return;
        if (Diagnostics.McpTelemetry.ActiveSessions.Enabled)
        {
            Diagnostics.McpTelemetry.ActiveSessions.Add(-1, Diagnostics.McpTelemetry.Tag("network.transport", session.Transport));
        }
        if (Diagnostics.McpTelemetry.SessionDuration.Enabled)
        {
            var tags = new System.Diagnostics.TagList { { "network.transport", session.Transport } };
            if (session.Legacy?.Client.ProtocolVersion is { } version) tags.Add("mcp.protocol.version", version);
            Diagnostics.McpTelemetry.SessionDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(session.StartedAt).TotalSeconds, tags);
        }
    }

    /// <summary>
    /// Tells every client subscribed to <paramref name="uri"/> (<c>resources/subscribe</c> in a session, or a
    /// <c>subscriptions/listen</c> stream naming it) that the resource changed (<c>notifications/resources/updated</c>);
    /// clients that did not subscribe hear nothing.
    /// </summary>
    public ValueTask NotifyResourceUpdatedAsync(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        EventBus.Publish(new Subscriptions.McpServerEvent(Subscriptions.McpServerEventKind.ResourceUpdated, uri));
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Adds a tool while the server runs (see <see cref="Tools.McpTool.Create"/>) and sends
    /// <c>notifications/tools/list_changed</c> to every initialized client.
    /// </summary>
    public void AddTool(Tools.McpTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        Tools.Add(tool);
        NotifyListChanged(Subscriptions.McpServerEventKind.ToolsListChanged);
    }

    /// <summary>Removes a tool (generated or added) while the server runs; false when there is none of that name.</summary>
    public bool RemoveTool(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Tools.Remove(name)) return false;
        NotifyListChanged(Subscriptions.McpServerEventKind.ToolsListChanged);
        return true;
    }

    /// <summary>
    /// Adds a prompt while the server runs (see <see cref="Prompts.McpPrompt.Create"/>) and sends
    /// <c>notifications/prompts/list_changed</c> to every initialized client.
    /// </summary>
    public void AddPrompt(Prompts.McpPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        Prompts.Add(prompt);
        NotifyListChanged(Subscriptions.McpServerEventKind.PromptsListChanged);
    }

    /// <summary>
    /// Adds a fixed resource while the server runs (see <see cref="Resources.McpResource.Create"/>) and sends
    /// <c>notifications/resources/list_changed</c> to every initialized client.
    /// </summary>
    public void AddResource(Resources.McpResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Resources.Add(resource);
        NotifyListChanged(Subscriptions.McpServerEventKind.ResourcesListChanged);
    }

    /// <summary>
    /// Adds a resource template while the server runs (see <see cref="Resources.McpResourceTemplate.Create"/>) and sends
    /// <c>notifications/resources/list_changed</c> to every initialized client.
    /// </summary>
    public void AddResourceTemplate(Resources.McpResourceTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        Resources.Add(template);
        NotifyListChanged(Subscriptions.McpServerEventKind.ResourcesListChanged);
    }

    /// <summary>
    /// Removes the fixed resource with this URI, or the template of this string, and tells clients; false when there
    /// is neither. Reads of it answer -32002 from then on.
    /// </summary>
    public bool RemoveResource(string uriOrTemplate)
    {
        ArgumentNullException.ThrowIfNull(uriOrTemplate);
        if (!Resources.Remove(uriOrTemplate)) return false;
        NotifyListChanged(Subscriptions.McpServerEventKind.ResourcesListChanged);
        return true;
    }

    /// <summary>Removes a prompt while the server runs and tells clients; false when there is none of that name.</summary>
    public bool RemovePrompt(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Prompts.Remove(name)) return false;
        NotifyListChanged(Subscriptions.McpServerEventKind.PromptsListChanged);
        return true;
    }

    /// <summary>Loggers whose entries reach every connected client as <c>notifications/message</c> (see <see cref="McpClientLoggerProvider"/>).</summary>
    public McpClientLoggerProvider ClientLoggerProvider => _clientLoggerProvider ??= new McpClientLoggerProvider(this);

    private McpClientLoggerProvider? _clientLoggerProvider;

    internal bool AnySessionLogsAt(Protocol.McpLogLevel level)
    {
        foreach (var session in _sessions.Keys)
        {
            if (session.Legacy?.Client.WantsLog(level) == true) return true;
        }
        return false;
    }

    internal void BroadcastLog(Protocol.McpLogLevel level, string message, string? logger)
    {
        foreach (var session in _sessions.Keys)
        {
            session.Legacy?.SendLog(level, message, logger, default);
        }
    }

    /// <summary>
    /// The authorization policies the components name (<c>[McpAuthorize(Policy = …)]</c>), so a transport can evaluate
    /// them once per request. Cached; a run-time change of the components refreshes it.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
    public System.Collections.Generic.IReadOnlyList<string> AuthorizationPolicies => _policies ??= CollectPolicies();

    private string[]? _policies;

    private string[] CollectPolicies()
    {
        var policies = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        void Add(McpComponent component)
        {
            if (component.Authorization is { } authorization) policies.UnionWith(authorization.Policies);
        }
        foreach (var tool in Tools.All) Add(tool);
        foreach (var prompt in Prompts.All) Add(prompt);
        foreach (var resource in Resources.Resources) Add(resource);
        foreach (var template in Resources.Templates) Add(template);
        return [.. policies];
    }

    private void NotifyListChanged(Subscriptions.McpServerEventKind kind)
    {
        _policies = null;
        EventBus.Publish(new Subscriptions.McpServerEvent(kind));
    }

    /// <summary>Starts configuring a server named <paramref name="name"/> at <paramref name="version"/>.</summary>
    public static McpServerBuilder CreateBuilder(string name, string version) => new(name, version);

    /// <summary>The server name sent in <c>serverInfo</c>.</summary>
    public string Name { get; }

    /// <summary>The server version sent in <c>serverInfo</c>.</summary>
    public string Version { get; }

    /// <summary>The options the server was built with.</summary>
    public McpServerOptions Options { get; }

    /// <summary>The timeouts of the tool calls running in any of the server's sessions.</summary>
    internal ToolDeadlines Deadlines { get; }

    /// <summary>What the last 2026-07-28 request said of its client, reused while requests repeat it.</summary>
    internal Eras.ClientProfileCache ModernClients { get; } = new();

    /// <summary>
    /// The server's identity as MCP's <c>Implementation</c> (name, version, title, description, icons, website), written
    /// once: <c>initialize</c>'s <c>serverInfo</c> and every 2026-07-28 result's <c>_meta</c> carry it.
    /// </summary>
    internal byte[] Implementation { get; }

    /// <summary>
    /// The <c>_meta</c> of a 2026-07-28 result that names no subscription, <c>{"io.modelcontextprotocol/serverInfo":…}</c>,
    /// written once: every such result copies it instead of writing it member by member.
    /// </summary>
    internal byte[] ResultMeta { get; }

    /// <summary>
    /// The end of a complete 2026-07-28 result with no cache hints, after its own members:
    /// <c>,"resultType":"complete","_meta":{"io.modelcontextprotocol/serverInfo":…}}}</c> (the result and the message
    /// closed; <see cref="JsonRpc.MessageBuffer.CompleteWith"/> drops the comma when the result has no member before it).
    /// </summary>
    internal byte[] CompleteResultEnd { get; }

    /// <summary>Seals the request states of 2026-07-28 <c>input_required</c> results.</summary>
    internal IMcpRequestStateProtector RequestStateProtector { get; }

    private static byte[] WriteImplementation(string name, string version, McpServerOptions options)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, JsonRpc.MessageBuffer.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("name"u8, name);
            w.WriteString("version"u8, version);
            if (options.Title is { } title) w.WriteString("title"u8, title);
            if (options.Description is { } description) w.WriteString("description"u8, description);
            if (options.WebsiteUrl is { } website) w.WriteString("websiteUrl"u8, website);
            if (options.Icons.Count > 0)
            {
                w.WriteStartArray("icons"u8);
                foreach (var icon in options.Icons) icon.WriteTo(w);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] WriteResultMeta(byte[] implementation)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(implementation.Length + 48);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, JsonRpc.MessageBuffer.WriterOptions))
        {
            w.WriteStartObject();
            w.WritePropertyName("io.modelcontextprotocol/serverInfo"u8);
            w.WriteRawValue(implementation, skipInputValidation: true);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The message trace, when <see cref="McpServerOptions.MessageTrace"/> asks for one.</summary>
    internal Diagnostics.MessageTracer? Tracer { get; }

    /// <summary>Writes out what the message trace holds (a transport calls it when it stops).</summary>
    [System.Diagnostics.CodeAnalysis.Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
    public void FlushTrace() => Tracer?.Flush();

    /// <summary>The server's own log (category <c>McpForge</c>): failures, slow requests, dropped messages.</summary>
    public Microsoft.Extensions.Logging.ILogger Logger { get; }

    /// <summary>
    /// The server's root services: singletons added on the builder, then the application's container. Each call resolves
    /// from a scope of its own instead (<see cref="McpContext.Services"/>).
    /// </summary>
    public IServiceProvider Services => Registry;

    /// <summary>The root services, typed: where each call's scope comes from.</summary>
    internal ServiceRegistry Registry { get; }

    internal ComponentRegistry<Tools.McpTool> Tools { get; }

    /// <summary>The tool named <paramref name="name"/>, or null (a transport checks its <c>Mcp-Param-*</c> headers against it).</summary>
    [System.Diagnostics.CodeAnalysis.Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
    public Tools.McpTool? FindTool(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Tools.Find(System.Text.Encoding.UTF8.GetBytes(name));
    }

    /// <summary>The tool whose name is <paramref name="utf8Name"/> (UTF-8 bytes, unescaped), or null; found without allocating.</summary>
    [System.Diagnostics.CodeAnalysis.Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
    public Tools.McpTool? FindTool(ReadOnlySpan<byte> utf8Name) => Tools.Find(utf8Name);

    /// <summary>
    /// Ends the server's running tasks, cancelled, saying the server stopped (docs/tasks.md, "Shutdown"); nothing when
    /// tasks are off. A transport calls it when it stops serving.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
    public System.Threading.Tasks.Task StopTasksAsync() => Tasks?.StopAsync() ?? System.Threading.Tasks.Task.CompletedTask;

    internal ComponentRegistry<Prompts.McpPrompt> Prompts { get; }

    /// <summary>The number of tools the server offers.</summary>
    public int ToolCount => Tools.All.Length;

    /// <summary>The number of prompts the server offers.</summary>
    public int PromptCount => Prompts.All.Length;

    internal ResourceRegistry Resources { get; }

    /// <summary>Completion methods by (prompt name or template, argument).</summary>
    internal System.Collections.Generic.Dictionary<(string Reference, string Argument), Completions.McpCompletion> Completions { get; }

    /// <summary>True when something can be completed: a prompt or a resource template.</summary>
    internal bool HasCompletions => PromptCount > 0 || Resources.Templates.Length > 0;

    /// <summary>The number of fixed resources and resource templates the server offers.</summary>
    public int ResourceCount => Resources.Resources.Length + Resources.Templates.Length;

    /// <summary>
    /// Serves one client over standard input and output until standard input closes (or <paramref name="cancellationToken"/>
    /// fires), then answers every request already read and returns. While it runs, <see cref="Console.Out"/> is
    /// redirected to standard error, so stray <c>Console.Write</c> calls cannot corrupt the JSON-RPC stream.
    /// </summary>
    public async Task RunStdioAsync(CancellationToken cancellationToken = default)
    {
        var readBytes = StdioTransport.DefaultReadBytes;
        if (Options.StdioPipeBytes > 0)
        {
            // Larger pipes, read whole: a busy client's bytes then cost fewer system calls and wake-ups (docs/transports.md).
            readBytes = Math.Max(readBytes, PipeCapacity.Grow(0, Options.StdioPipeBytes));
            PipeCapacity.Grow(1, Options.StdioPipeBytes);
        }
        // Only a token that can fire needs the wrapper (and its copy); reads without one stay as they were.
        using var input = cancellationToken.CanBeCanceled ? new CancellableInputStream(Console.OpenStandardInput(), readBytes) : Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        var originalOut = Console.Out;
        Console.SetOut(Console.Error);
        try
        {
            await StdioTransport.RunAsync(this, input, output, cancellationToken, readBytes).ConfigureAwait(false);
        }
        finally
        {
            Console.SetOut(originalOut);
        }
    }

    /// <summary>
    /// Serves one client over <paramref name="input"/> and <paramref name="output"/> with stdio framing (one JSON-RPC
    /// message per line) until the input ends, then answers every request already read and returns.
    /// </summary>
    public Task RunAsync(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        return StdioTransport.RunAsync(this, input, output, cancellationToken);
    }
}
