using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
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
        Mcp = new McpHttpClient(Client, endpoint) { Wait = Wait };
    }

    /// <summary>
    /// A client for this host; <paramref name="handler"/> for TLS client certificates. By default a response disposed before
    /// its end closes the connection at once (<see cref="LeavingHttpHandler"/>): a test that stops reading a stream means
    /// its client left, and the server sees it then, not after HttpClient drained the stream for two seconds.
    /// </summary>
    public HttpClient NewClient(SocketsHttpHandler? handler = null) =>
        new(handler ?? LeavingHttpHandler.Create()) { Timeout = TimeSpan.FromSeconds(30) };

    public Uri Endpoint { get; }

    public HttpClient Client { get; }

    /// <summary>The MCP client the helpers below send with, on <see cref="Client"/>.</summary>
    public McpHttpClient Mcp { get; }

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
    public HttpRequestMessage Post(string json, string? session = null, string accept = McpHttpClient.AcceptJsonAndSse,
        IDictionary<string, string>? headers = null) => Mcp.Post(json, session, accept, headers);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead) =>
        Mcp.SendAsync(request, completion);

    /// <summary>Initializes a session and returns its id (<paramref name="capabilities"/> as the client's).</summary>
    public Task<string> InitializeAsync(string capabilities = "{}", string version = McpHttpClient.ProtocolVersion) =>
        Mcp.InitializeAsync(capabilities, version, clientName: "http-tests");

    /// <summary>A request whose answer is JSON: returns the response message.</summary>
    public async Task<JsonElement> RequestAsync(string session, string json)
    {
        using var request = Post(json, session);
        var answer = await Mcp.ExchangeAsync(request);
        Assert.Equal("application/json", answer.MediaType);
        return answer.Message;
    }

    public HttpRequestMessage Get(string session, string? lastEventId = null) => Mcp.Get(session, lastEventId);

    /// <summary>The server's state of the open session <paramref name="id"/>, for the signals tests wait on.</summary>
    internal McpForge.AspNetCore.Transport.HttpSession Session(string id) =>
        McpForge.AspNetCore.Transport.McpEndpointRegistry.FindOpenSession(Services, id) ?? throw new InvalidOperationException("no open session " + id);

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

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var cts = new CancellationTokenSource(Wait);
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}
