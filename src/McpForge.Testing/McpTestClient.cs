using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Testing;

/// <summary>
/// A client connected in process to an <see cref="McpServer"/>, through the real protocol: every call is a JSON-RPC
/// message the server reads, classifies and dispatches exactly as it does over stdio, with no process and no port.
/// Speaks either era (<see cref="McpTestClientOptions.Protocol"/>), answers the server's sampling, elicitation and roots
/// requests with the handlers of its options, and collects progress and log entries. Dispose it to stop the server.
/// </summary>
/// <example>
/// <code>
/// await using var client = await McpTestClient.ConnectAsync(McpServer.CreateBuilder("test", "1.0.0").AddTools&lt;Tools&gt;());
/// var result = await client.CallToolAsync("add", new() { ["a"] = 2, ["b"] = 3 });
/// Assert.Equal("5", result.Text);
/// </code>
/// </example>
public sealed class McpTestClient : IAsyncDisposable
{
    /// <summary>The session-era revision the client asks for in <c>initialize</c>.</summary>
    public const string SessionProtocolVersion = "2025-11-25";

    /// <summary>The revision a <see cref="McpTestProtocol.Stateless"/> client names in every request's <c>_meta</c>.</summary>
    public const string StatelessProtocolVersion = "2026-07-28";

    private readonly InMemoryServerConnection _connection;
    private readonly McpTestClientOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentDictionary<string, CallObserver> _observers = new(StringComparer.Ordinal);
    private readonly List<McpTestLogEntry> _logs = [];
    private readonly List<JsonElement> _notifications = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _reading;
    private long _nextId;
    private bool _disposed;

    private McpTestClient(McpServer server, McpTestClientOptions options)
    {
        Server = server;
        _options = options;
        _connection = InMemoryServerConnection.Start(server);
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>
    /// Serves <paramref name="server"/> in process and connects to it: <c>initialize</c> (and <c>logging/setLevel</c>)
    /// in a session, <c>server/discover</c> on 2026-07-28.
    /// </summary>
    public static async Task<McpTestClient> ConnectAsync(McpServer server, McpTestClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        var client = new McpTestClient(server, options ?? new McpTestClientOptions());
        try
        {
            await client.OpenAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Builds the server <paramref name="builder"/> configures, then connects to it (see <see cref="ConnectAsync(McpServer, McpTestClientOptions?, CancellationToken)"/>).</summary>
    public static Task<McpTestClient> ConnectAsync(McpServerBuilder builder, McpTestClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return ConnectAsync(builder.Build(), options, cancellationToken);
    }

    /// <summary>The server this client is connected to (add or remove components on it while the test runs).</summary>
    public McpServer Server { get; }

    /// <summary>The era the client speaks.</summary>
    public McpTestProtocol Protocol => _options.Protocol;

    /// <summary>
    /// The server's own description: the <c>initialize</c> result in a session, the <c>server/discover</c> result on
    /// 2026-07-28 (server info, capabilities, instructions).
    /// </summary>
    public JsonElement ServerDescription { get; private set; }

    /// <summary>Every log entry (<c>notifications/message</c>) the server sent so far, in order.</summary>
    public IReadOnlyList<McpTestLogEntry> Logs
    {
        get
        {
            lock (_logs) return [.. _logs];
        }
    }

    /// <summary>
    /// Every other notification the server sent so far (list changes, resource updates, elicitation completions), each
    /// a whole JSON-RPC message; progress and log entries are in <see cref="McpToolResult"/> and <see cref="Logs"/>.
    /// </summary>
    public IReadOnlyList<JsonElement> Notifications
    {
        get
        {
            lock (_notifications) return [.. _notifications];
        }
    }

    /// <summary>Every tool the server lists (<c>tools/list</c>, all pages), each as the server wrote it.</summary>
    public Task<IReadOnlyList<JsonElement>> ListToolsAsync(CancellationToken cancellationToken = default) =>
        ListAllAsync("tools/list", "tools", cancellationToken);

    /// <summary>Every prompt the server lists (<c>prompts/list</c>, all pages).</summary>
    public Task<IReadOnlyList<JsonElement>> ListPromptsAsync(CancellationToken cancellationToken = default) =>
        ListAllAsync("prompts/list", "prompts", cancellationToken);

    /// <summary>Every fixed resource the server lists (<c>resources/list</c>, all pages).</summary>
    public Task<IReadOnlyList<JsonElement>> ListResourcesAsync(CancellationToken cancellationToken = default) =>
        ListAllAsync("resources/list", "resources", cancellationToken);

    /// <summary>Every resource template the server lists (<c>resources/templates/list</c>, all pages).</summary>
    public Task<IReadOnlyList<JsonElement>> ListResourceTemplatesAsync(CancellationToken cancellationToken = default) =>
        ListAllAsync("resources/templates/list", "resourceTemplates", cancellationToken);

    /// <summary>
    /// Calls the tool <paramref name="name"/> with <paramref name="arguments"/> (a <see cref="JsonObject"/> takes C#
    /// values directly: <c>new() { ["a"] = 2, ["city"] = "Oslo" }</c>). A tool that fails answers a result with
    /// <see cref="McpToolResult.IsError"/>; a protocol error (an unknown tool in a session, say) throws
    /// <see cref="McpTestRequestException"/>.
    /// </summary>
    public async Task<McpToolResult> CallToolAsync(string name, JsonObject? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var @params = new JsonObject
        {
            ["name"] = name,
            ["arguments"] = arguments?.DeepClone() ?? new JsonObject(),
        };
        var observer = new CallObserver("progress-" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture));
        _observers[observer.ProgressToken] = observer;
        try
        {
            var (result, rounds) = await RequestAsync("tools/call", @params, observer, cancellationToken).ConfigureAwait(false);
            return new McpToolResult(result, observer.Progress(), observer.Logs(), rounds);
        }
        finally
        {
            _observers.TryRemove(observer.ProgressToken, out _);
        }
    }

    /// <summary>
    /// Calls the tool <paramref name="name"/> with <paramref name="arguments"/> written by <paramref name="typeInfo"/>
    /// (from a <c>JsonSerializerContext</c> of yours, so no reflection is involved): a record whose properties are the
    /// tool's parameters.
    /// </summary>
    public Task<McpToolResult> CallToolAsync<TArguments>(string name, TArguments arguments, JsonTypeInfo<TArguments> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var node = JsonSerializer.SerializeToNode(arguments, typeInfo) as JsonObject
            ?? throw new ArgumentException($"The arguments must be written as a JSON object, not as {typeof(TArguments).Name}'s JSON.", nameof(arguments));
        return CallToolAsync(name, node, cancellationToken);
    }

    /// <summary>Gets the prompt <paramref name="name"/> with <paramref name="arguments"/>; returns the whole <c>result</c> (its <c>messages</c>).</summary>
    public async Task<JsonElement> GetPromptAsync(string name, IReadOnlyDictionary<string, string>? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var values = new JsonObject();
        if (arguments is not null)
        {
            foreach (var (key, value) in arguments) values[key] = value;
        }
        return await SendRequestAsync("prompts/get", new JsonObject { ["name"] = name, ["arguments"] = values }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the resource at <paramref name="uri"/>; returns the whole <c>result</c> (its <c>contents</c>).</summary>
    public Task<JsonElement> ReadResourceAsync(string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return SendRequestAsync("resources/read", new JsonObject { ["uri"] = uri }, cancellationToken);
    }

    /// <summary>
    /// Sends any request (<c>completion/complete</c>, <c>ping</c>, …) with <paramref name="params"/> and returns its
    /// <c>result</c>; on 2026-07-28 the client adds the <c>_meta</c> and answers <c>input_required</c> rounds itself.
    /// An error answer throws <see cref="McpTestRequestException"/>.
    /// </summary>
    public async Task<JsonElement> SendRequestAsync(string method, JsonObject? @params = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var (result, _) = await RequestAsync(method, (JsonObject?)@params?.DeepClone() ?? new JsonObject(), null, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Closes the server's input (as a stdio client does), waits for it to answer what it read and stop.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _connection.CloseInputAsync().ConfigureAwait(false);
        try
        {
            await _connection.Serving.WaitAsync(_options.Timeout).ConfigureAwait(false);
            await _reading.WaitAsync(_options.Timeout).ConfigureAwait(false);
        }
        finally
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (Protocol == McpTestProtocol.Stateless)
        {
            ServerDescription = await SendRequestAsync("server/discover", null, cancellationToken).ConfigureAwait(false);
            return;
        }
        ServerDescription = await SendRequestAsync("initialize", new JsonObject
        {
            ["protocolVersion"] = SessionProtocolVersion,
            ["capabilities"] = Capabilities(),
            ["clientInfo"] = ClientInfo(),
        }, cancellationToken).ConfigureAwait(false);
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" }).ConfigureAwait(false);
        if (_options.LogLevel is { } level)
        {
            await SendRequestAsync("logging/setLevel", new JsonObject { ["level"] = level }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<JsonElement>> ListAllAsync(string method, string property, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        // Bounded: a server whose cursors never end fails the test instead of hanging it.
        for (var page = 0; page < 10_000; page++)
        {
            var result = await SendRequestAsync(method, cursor is null ? null : new JsonObject { ["cursor"] = cursor }, cancellationToken).ConfigureAwait(false);
            foreach (var item in result.GetProperty(property).EnumerateArray()) items.Add(item);
            if (!result.TryGetProperty("nextCursor"u8, out var next) || next.ValueKind != JsonValueKind.String) return items;
            cursor = next.GetString();
        }
        throw new InvalidOperationException($"'{method}' returned a next cursor on 10000 pages in a row.");
    }

    /// <summary>
    /// Sends one request and waits for its answer. On 2026-07-28 every message carries the era's <c>_meta</c>, and an
    /// <c>input_required</c> answer is answered with the handlers and sent again, which runs the handler again.
    /// </summary>
    private async Task<(JsonElement Result, int Rounds)> RequestAsync(string method, JsonObject @params, CallObserver? observer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var meta = @params["_meta"] as JsonObject ?? new JsonObject();
        @params["_meta"] = meta;
        if (observer is not null) meta["progressToken"] = observer.ProgressToken;
        if (Protocol == McpTestProtocol.Stateless)
        {
            meta["io.modelcontextprotocol/protocolVersion"] = StatelessProtocolVersion;
            meta["io.modelcontextprotocol/clientCapabilities"] = Capabilities();
            meta["io.modelcontextprotocol/clientInfo"] = ClientInfo();
            if (_options.LogLevel is { } level) meta["io.modelcontextprotocol/logLevel"] = level;
        }
        else if (meta.Count == 0)
        {
            @params.Remove("_meta");
        }

        for (var round = 1; ; round++)
        {
            var result = await SendOnceAsync(method, @params, cancellationToken).ConfigureAwait(false);
            if (!result.TryGetProperty("resultType"u8, out var type) || !type.ValueEquals("input_required"u8)) return (result, round);
            if (round > _options.MaxInputRounds)
            {
                throw new InvalidOperationException($"'{method}' still asked for input after {_options.MaxInputRounds} rounds (McpTestClientOptions.MaxInputRounds).");
            }
            var responses = new JsonObject();
            foreach (var ask in result.GetProperty("inputRequests"u8).EnumerateObject())
            {
                var askedMethod = ask.Value.GetProperty("method"u8).GetString()!;
                var askedParams = ask.Value.TryGetProperty("params"u8, out var p) ? p : default;
                responses[ask.Name] = await AnswerAsync(askedMethod, askedParams, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The server asked '{askedMethod}' but McpTestClientOptions has no handler for it.");
            }
            @params["inputResponses"] = responses;
            @params["requestState"] = result.TryGetProperty("requestState"u8, out var state) ? state.GetString() : null;
        }
    }

    private async Task<JsonElement> SendOnceAsync(string method, JsonObject @params, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = @params.DeepClone() }).ConfigureAwait(false);
            JsonElement response;
            try
            {
                response = await answer.Task.WaitAsync(_options.Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"'{method}' got no answer within {_options.Timeout} (McpTestClientOptions.Timeout).");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // As a real client does: tell the server, whose handler's token then fires.
                await WriteAsync(new JsonObject
                {
                    ["jsonrpc"] = "2.0",
                    ["method"] = "notifications/cancelled",
                    ["params"] = new JsonObject { ["requestId"] = id, ["reason"] = "The test cancelled the request." },
                }).ConfigureAwait(false);
                throw;
            }
            if (response.TryGetProperty("error"u8, out var error))
            {
                throw new McpTestRequestException(method, error.GetProperty("code"u8).GetInt32(), error.GetProperty("message"u8).GetString() ?? "",
                    error.TryGetProperty("data"u8, out var data) ? data : null);
            }
            return response.GetProperty("result"u8);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private JsonObject Capabilities()
    {
        var capabilities = new JsonObject();
        if (_options.SamplingHandler is not null) capabilities["sampling"] = new JsonObject { ["tools"] = new JsonObject() };
        if (_options.ElicitationHandler is not null) capabilities["elicitation"] = new JsonObject { ["form"] = new JsonObject(), ["url"] = new JsonObject() };
        if (_options.RootsHandler is not null) capabilities["roots"] = new JsonObject();
        return capabilities;
    }

    private JsonObject ClientInfo() => new() { ["name"] = _options.ClientName, ["version"] = "1.0.0" };

    private async Task WriteAsync(JsonObject message)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString() + "\n");
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _connection.ToServer.WriteAsync(bytes).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Reads the server's messages until its output ends: responses, its own requests, notifications.</summary>
    private async Task ReadAsync()
    {
        using var reader = new StreamReader(_connection.FromServer, new UTF8Encoding(false));
        Exception? ended = null;
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                JsonElement message;
                using (var document = JsonDocument.Parse(line)) message = document.RootElement.Clone();
                Receive(message);
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            ended = ex;
        }
        var closed = new IOException("The server stopped before it answered.", ended);
        foreach (var pending in _pending.Values) pending.TrySetException(closed);
    }

    private void Receive(JsonElement message)
    {
        if (message.TryGetProperty("method"u8, out var method))
        {
            if (message.TryGetProperty("id"u8, out var id))
            {
                // A request of the server's own (a session's sampling, elicitation, roots, ping): answered off the read
                // loop, so the handler may take its time while other messages keep flowing.
                _ = Task.Run(() => AnswerServerRequestAsync(id, method.GetString()!, message.TryGetProperty("params"u8, out var p) ? p : default));
                return;
            }
            ReceiveNotification(method.GetString()!, message);
            return;
        }
        if (message.TryGetProperty("id"u8, out var responseId) && responseId.ValueKind == JsonValueKind.Number
            && _pending.TryGetValue(responseId.GetInt64(), out var pending))
        {
            pending.TrySetResult(message);
        }
    }

    private void ReceiveNotification(string method, JsonElement message)
    {
        var @params = message.TryGetProperty("params"u8, out var p) ? p : default;
        switch (method)
        {
            case "notifications/progress":
                var token = @params.GetProperty("progressToken"u8);
                if (token.ValueKind == JsonValueKind.String && _observers.TryGetValue(token.GetString()!, out var observer))
                {
                    observer.Add(new McpTestProgress(@params.GetProperty("progress"u8).GetDouble(),
                        @params.TryGetProperty("total"u8, out var total) ? total.GetDouble() : null,
                        @params.TryGetProperty("message"u8, out var text) ? text.GetString() : null));
                }
                return;
            case "notifications/message":
                var entry = new McpTestLogEntry(@params.GetProperty("level"u8).GetString()!,
                    @params.TryGetProperty("logger"u8, out var logger) ? logger.GetString() : null,
                    @params.TryGetProperty("data"u8, out var data) ? data : default);
                lock (_logs) _logs.Add(entry);
                foreach (var call in _observers.Values) call.Add(entry);
                return;
            default:
                lock (_notifications) _notifications.Add(message);
                return;
        }
    }

    private async Task AnswerServerRequestAsync(JsonElement id, string method, JsonElement @params)
    {
        var response = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(id.GetRawText()) };
        try
        {
            if (method == "ping")
            {
                response["result"] = new JsonObject();
            }
            else if (await AnswerAsync(method, @params, _stopping.Token).ConfigureAwait(false) is { } result)
            {
                response["result"] = result;
            }
            else
            {
                response["error"] = new JsonObject { ["code"] = -32601, ["message"] = $"The test client has no handler for '{method}'." };
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            response["error"] = new JsonObject { ["code"] = -32603, ["message"] = ex.Message };
        }
        if (!_stopping.IsCancellationRequested) await WriteAsync(response).ConfigureAwait(false);
    }

    /// <summary>The handler's answer to one of the server's asks, or null when the options have no handler for it.</summary>
    private async Task<JsonObject?> AnswerAsync(string method, JsonElement @params, CancellationToken cancellationToken)
    {
        var handler = method switch
        {
            "sampling/createMessage" => _options.SamplingHandler,
            "elicitation/create" => _options.ElicitationHandler,
            "roots/list" => _options.RootsHandler,
            _ => null,
        };
        return handler is null ? null : await handler(@params, cancellationToken).ConfigureAwait(false);
    }
}
