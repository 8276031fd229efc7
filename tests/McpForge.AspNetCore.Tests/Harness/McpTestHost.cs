using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpForge.AspNetCore.Tests.Harness;

/// <summary>
/// A real Kestrel on 127.0.0.1 with a free port, serving an MCP endpoint at /mcp, and an HTTP client for it. Every
/// wait is bounded; disposing stops the server.
/// </summary>
internal sealed class McpTestHost : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly WebApplication _app;

    private McpTestHost(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
        Client = NewClient();
    }

    /// <summary>A client for this host; <paramref name="handler"/> for TLS client certificates.</summary>
    public HttpClient NewClient(SocketsHttpHandler? handler = null) =>
        new(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = TimeSpan.FromSeconds(30) };

    public Uri Endpoint { get; }

    public HttpClient Client { get; }

    public McpServer Server => _app.Services.GetRequiredService<McpServer>();

    public IServiceProvider Services => _app.Services;

    public static async Task<McpTestHost> StartAsync(Action<McpHttpOptions>? http = null, Action<McpServerBuilder>? mcp = null,
        Action<WebApplication>? map = null, Action<WebApplicationBuilder>? configure = null, bool https = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (!https) builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        configure?.Invoke(builder);
        builder.Services.AddMcpServer("http-tests", "2.0.0", b =>
        {
            b.Options.ErrorLog = TextWriter.Null;
            b.AddTools<HttpTools>().AddResources<HttpResources>();
            mcp?.Invoke(b);
        });
        var app = builder.Build();
        app.MapMcp("/mcp", http);
        map?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new McpTestHost(app, new Uri(address.TrimEnd('/') + "/mcp"));
    }

    /// <summary>A POST of <paramref name="json"/> with the headers a 2025-11-25 client sends (and <paramref name="headers"/>).</summary>
    public HttpRequestMessage Post(string json, string? session = null, string accept = "application/json, text/event-stream",
        IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
            request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var cts = new CancellationTokenSource(Wait);
        return await Client.SendAsync(request, completion, cts.Token);
    }

    /// <summary>Initializes a session and returns its id (<paramref name="capabilities"/> as the client's).</summary>
    public async Task<string> InitializeAsync(string capabilities = "{}", string version = "2025-11-25")
    {
        using var response = await SendAsync(Post(
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version + "\",\"capabilities\":" + capabilities
            + ",\"clientInfo\":{\"name\":\"http-tests\",\"version\":\"1\"}}}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = response.Headers.GetValues("Mcp-Session-Id").Single();
        using var initialized = await SendAsync(Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", session));
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);
        return session;
    }

    /// <summary>A request whose answer is JSON: returns the response message.</summary>
    public async Task<JsonElement> RequestAsync(string session, string json)
    {
        using var response = await SendAsync(Post(json, session));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public HttpRequestMessage Get(string session, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Endpoint);
        request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        request.Headers.Add("Mcp-Session-Id", session);
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        return request;
    }

    /// <summary>The server's state of the open session <paramref name="id"/>, for the signals tests wait on.</summary>
    internal McpForge.AspNetCore.Transport.HttpSession Session(string id) =>
        McpForge.AspNetCore.Transport.McpEndpointRegistry.FindOpenSession(Services, id) ?? throw new InvalidOperationException("no open session " + id);

    /// <summary>Waits (bounded) until <paramref name="condition"/> on the server's state holds: the signal that it got there.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        for (var i = 0; i < 10_000 && !condition(); i++)
        {
            if (DateTime.UtcNow > deadline) break;
            await Task.Delay(1);
        }
        Assert.True(condition(), "not reached within " + Wait + ": " + what);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var cts = new CancellationTokenSource(Wait);
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}

/// <summary>One SSE event as received: its id, retry, and data (empty for a priming event).</summary>
internal sealed record SseEvent(string? Id, int? Retry, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();
}

/// <summary>Reads SSE events from a response body, each read bounded in time.</summary>
internal sealed class SseReader(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<SseEvent?> NextAsync(TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? McpTestHost.Wait);
        string? id = null, data = null;
        int? retry = null;
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No SSE event within " + (wait ?? McpTestHost.Wait));
            }
            if (line is null) return null;
            if (line.Length == 0)
            {
                if (data is null && id is null && retry is null) continue;
                return new SseEvent(id, retry, data ?? "");
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "retry": retry = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "data": data = data is null ? value : data + "\n" + value; break;
            }
        }
    }

    /// <summary>Every event up to the end of the stream (at most <paramref name="max"/>).</summary>
    public async Task<List<SseEvent>> ReadToEndAsync(int max = 100)
    {
        var events = new List<SseEvent>();
        while (events.Count < max && await NextAsync() is { } e) events.Add(e);
        return events;
    }

    public void Dispose() => _reader.Dispose();
}
