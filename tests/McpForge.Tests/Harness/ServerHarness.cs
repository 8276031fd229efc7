using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Tests.Harness;

/// <summary>
/// Runs an <see cref="McpServer"/> over in-memory pipes with stdio framing, as a client would see it: lines in,
/// lines out. Every wait is bounded; disposing closes the input and waits for the server to finish.
/// </summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly Pipe _input = new();
    private readonly Pipe _output = new();
    private readonly Stream _inputWriter;
    private readonly StreamReader _outputReader;
    private readonly Task _server;
    private bool _inputClosed;

    private ServerHarness(McpServer server)
    {
        Server = server;
        _inputWriter = _input.Writer.AsStream();
        _outputReader = new StreamReader(_output.Reader.AsStream(), new UTF8Encoding(false));
        _server = Task.Run(async () =>
        {
            try
            {
                await server.RunAsync(_input.Reader.AsStream(), _output.Writer.AsStream());
            }
            finally
            {
                await _output.Writer.CompleteAsync();
            }
        });
    }

    /// <summary>Serves an already built <paramref name="server"/> (for tests that act on the server while it runs).</summary>
    public static ServerHarness Start(McpServer server) => new(server);

    public static ServerHarness Start(Action<McpServerBuilder> configure)
    {
        var builder = McpServer.CreateBuilder("test-server", "9.9.9");
        builder.Options.ErrorLog = TextWriter.Null;
        configure(builder);
        return new ServerHarness(builder.Build());
    }

    /// <summary>A server with the standard test tools, already initialized.</summary>
    public static async Task<ServerHarness> StartInitializedAsync(Action<McpServerOptions>? options = null, Action<McpServerBuilder>? configure = null)
    {
        var harness = Start(b =>
        {
            b.AddTools<Fixtures.BasicTools>();
            configure?.Invoke(b);
            options?.Invoke(b.Options);
        });
        await harness.InitializeAsync();
        return harness;
    }

    public Task Completion => _server;

    /// <summary>The server under test, for the state tests wait on (<see cref="McpServer.QueuedRequests"/>).</summary>
    public McpServer Server { get; }

    public async Task SendAsync(string line) => await SendRawAsync(Encoding.UTF8.GetBytes(line + "\n"));

    public async Task SendRawAsync(byte[] bytes)
    {
        await _inputWriter.WriteAsync(bytes);
        await _inputWriter.FlushAsync();
    }

    public async Task CloseInputAsync()
    {
        if (_inputClosed) return;
        _inputClosed = true;
        await _input.Writer.CompleteAsync();
    }

    /// <summary>The next line the server wrote, or a <see cref="TimeoutException"/>.</summary>
    public async Task<string> ReadLineAsync(TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? s_wait);
        try
        {
            return await _outputReader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("The server closed its output.");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The server wrote nothing within " + (wait ?? s_wait));
        }
    }

    public async Task<JsonElement> ReadMessageAsync(TimeSpan? wait = null) =>
        JsonDocument.Parse(await ReadLineAsync(wait)).RootElement.Clone();

    /// <summary>
    /// Closes the input and reads what the server still writes until it closes its output: at end of input the server
    /// answers every request it read, then stops, so this is everything it will ever write, known without waiting on
    /// a clock.
    /// </summary>
    public async Task<List<string>> ReadRestAsync()
    {
        await CloseInputAsync();
        var lines = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            using var cts = new CancellationTokenSource(s_wait);
            string? line;
            try
            {
                line = await _outputReader.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("The server did not close its output within " + s_wait);
            }
            if (line is null) return lines;
            lines.Add(line);
        }
        throw new Xunit.Sdk.XunitException("The server wrote more than 10,000 lines after its input closed.");
    }

    /// <summary>How long <see cref="WaitUntilAsync"/> lets a condition take before the test fails: only a failing test waits it out.</summary>
    public static readonly TimeSpan StateWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits until <paramref name="condition"/> on the server's state holds: the signal that it got there, for state that
    /// raises no event of its own (a queue's length, a count of requests). The condition is checked about every
    /// millisecond; that pace never decides the outcome, the deadline (<see cref="StateWait"/>, on a monotonic clock,
    /// however slow each check is under load) only fails the test.
    /// </summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > StateWait) Assert.Fail("not reached within " + StateWait + ": " + what);
            await Task.Delay(1);
        }
    }

    /// <summary>Sends a request and returns its response, collecting the notifications that came first.</summary>
    public async Task<JsonElement> RequestAsync(object id, string method, string? paramsJson = null, List<JsonElement>? notifications = null)
    {
        var idJson = id is string s ? JsonSerializer.Serialize(s) : Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(paramsJson is null
            ? $$"""{"jsonrpc":"2.0","id":{{idJson}},"method":"{{method}}"}"""
            : $$"""{"jsonrpc":"2.0","id":{{idJson}},"method":"{{method}}","params":{{paramsJson}}}""");
        return await ReadResponseAsync(idJson!, notifications);
    }

    public async Task<JsonElement> ReadResponseAsync(string idJson, List<JsonElement>? notifications = null)
    {
        for (var i = 0; i < 1000; i++)
        {
            var message = await ReadMessageAsync();
            if (message.TryGetProperty("id", out var got) && got.GetRawText() == idJson) return message;
            if (notifications is null || message.TryGetProperty("id", out _))
            {
                throw new Xunit.Sdk.XunitException($"Expected the response to {idJson}, got: {message.GetRawText()}");
            }
            notifications.Add(message);
        }
        throw new TimeoutException("Too many messages before the response to " + idJson);
    }

    public Task<JsonElement> CallToolAsync(object id, string name, string argumentsJson, List<JsonElement>? notifications = null) =>
        RequestAsync(id, "tools/call", $$"""{"name":"{{name}}","arguments":{{argumentsJson}}}""", notifications);

    /// <summary>
    /// Sends a 2026-07-28 request: <paramref name="paramsJson"/> (an object's members, without braces) with the
    /// per-request <c>_meta</c> of a client declaring <paramref name="capabilities"/>, and returns its response.
    /// </summary>
    public Task<JsonElement> ModernAsync(object id, string method, string paramsJson = "", string capabilities = "{}", string? logLevel = null,
        string? progressToken = null, List<JsonElement>? notifications = null) =>
        RequestAsync(id, method, ModernParams(paramsJson, capabilities, logLevel, progressToken), notifications);

    /// <summary>The params of a 2026-07-28 request: <paramref name="members"/> and the <c>_meta</c> every such request carries.</summary>
    public static string ModernParams(string members = "", string capabilities = "{}", string? logLevel = null, string? progressToken = null)
    {
        var meta = "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":" + capabilities
            + ",\"io.modelcontextprotocol/clientInfo\":{\"name\":\"tests\",\"version\":\"1.0\"}"
            + (logLevel is null ? "" : ",\"io.modelcontextprotocol/logLevel\":\"" + logLevel + "\"")
            + (progressToken is null ? "" : ",\"progressToken\":" + progressToken);
        return "{" + members + (members.Length > 0 ? "," : "") + "\"_meta\":{" + meta + "}}";
    }

    public async Task<JsonElement> InitializeAsync(string version = "2025-11-25", string capabilities = "{}")
    {
        var response = await RequestAsync(0, "initialize",
            "{\"protocolVersion\":\"" + version + "\",\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"tests\",\"version\":\"1.0\"}}");
        await SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        return response;
    }

    /// <summary>The response's <c>error</c> object as compact JSON.</summary>
    public static string Error(JsonElement response) => response.GetProperty("error").GetRawText();

    /// <summary>The text of the first content block of a tool result.</summary>
    public static string Text(JsonElement response) =>
        response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;

    public async ValueTask DisposeAsync()
    {
        await CloseInputAsync();
        await Task.WhenAny(_server, Task.Delay(s_wait));
    }
}
