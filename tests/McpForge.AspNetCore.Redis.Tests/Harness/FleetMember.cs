using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.AspNetCore.ScaleOut;
using McpForge.Subscriptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace McpForge.AspNetCore.Redis.Tests.Harness;

/// <summary>
/// One instance of a fleet: a real Kestrel on 127.0.0.1 with a free port serving /mcp and /health, joined to the fleet
/// through the shared store and bus, forwarding with McpForge.AspNetCore.Redis's YARP forwarder signed with the fleet's
/// key; and an HTTP client that talks to this instance only.
/// </summary>
internal sealed class FleetMember : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private FleetMember(string name, WebApplication app, InMemorySessionDirectory directory, ForwardingSignature signature, Uri baseUrl)
    {
        Name = name;
        _app = app;
        Directory = directory;
        Signature = signature;
        BaseUrl = baseUrl;
        Endpoint = new Uri(baseUrl, "/mcp");
        Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = TimeSpan.FromSeconds(30) };
        Mcp = new McpHttpClient(Client, Endpoint) { Wait = Fleet.Wait };
    }

    public string Name { get; }

    public InMemorySessionDirectory Directory { get; }

    /// <summary>How this instance signs what it forwards (a test forges or loops with it).</summary>
    public ForwardingSignature Signature { get; }

    public Uri BaseUrl { get; }

    public Uri Endpoint { get; }

    public HttpClient Client { get; }

    /// <summary>The MCP client the helpers below send with, on <see cref="Client"/>.</summary>
    public McpHttpClient Mcp { get; }

    public static async Task<FleetMember> StartAsync(string name, InMemorySessionStore store, IMcpEventBus bus, byte[] key, TimeProvider? clock = null)
    {
        var directory = new InMemorySessionDirectory(store, "instance-" + name);
        var tasks = new InMemoryTaskDirectory(store, directory);
        var signature = new ForwardingSignature(key, directory.InstanceId, TimeProvider.System, TimeSpan.FromSeconds(30));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new FleetName(name));
        builder.Services.AddMcpServer("fleet-tests", "1.0.0", mcp =>
        {
            mcp.Options.ErrorLog = System.IO.TextWriter.Null;
            mcp.Options.EventBus = bus;
            if (clock is not null) mcp.Options.TimeProvider = clock;
            mcp.Options.Tasks = new McpForge.Tasks.McpTaskOptions
            {
                // The package's own store, listing each 2026-07-28 task in the fleet's (here in-memory) task directory.
                Store = new FleetTaskStore(new McpForge.Tasks.InMemoryMcpTaskStore(clock), tasks),
            };
            // A stopping instance waits for no call: the tests that stop one with a call running play a crash.
            mcp.Options.ShutdownTimeout = TimeSpan.Zero;
            mcp.AddTools<FleetTestTools>().AddResources<FleetTestResources>();
        });
        builder.Services.AddSingleton<IMcpSessionDirectory>(directory);
        builder.Services.AddSingleton<IMcpTaskDirectory>(tasks);
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton<IMcpSessionForwarder>(provider => new HttpSessionForwarder(provider.GetRequiredService<IHttpForwarder>(), signature));
        var app = builder.Build();
        app.MapMcp("/mcp", http => http.DrainDelay = TimeSpan.Zero);
        app.MapMcpHealth("/health");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.TrimEnd('/') + "/");
        directory.TakeLease(new Uri(address.TrimEnd('/')));
        return new FleetMember(name, app, directory, signature, baseUrl);
    }

    /// <summary>A POST of <paramref name="json"/> to this instance, as a 2025-11-25 client sends it.</summary>
    public HttpRequestMessage Post(string json, string? session = null) => Mcp.Post(json, session);

    /// <summary>
    /// A POST of a 2026-07-28 request, as a client declaring the tasks extension and elicitation sends it: the
    /// <c>_meta</c> in the body, and the headers repeating it (<c>Mcp-Name</c>: the tool, or the task).
    /// </summary>
    public HttpRequestMessage PostModern(int id, string method, string paramsMembers, string name)
    {
        var json = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}," + paramsMembers + "}}";
        return Mcp.Post(json, headers: [new("MCP-Protocol-Version", "2026-07-28"), new("Mcp-Method", method), new("Mcp-Name", name)]);
    }

    /// <summary>A 2026-07-28 request sent here; returns its <c>result</c>.</summary>
    public async Task<JsonElement> ModernAsync(int id, string method, string paramsMembers, string name)
    {
        using var request = PostModern(id, method, paramsMembers, name);
        var answer = await Mcp.ExchangeAsync(request);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{method} at {Name}: {(int)answer.Status} {answer.Body}");
        Assert.True(answer.Message.TryGetProperty("result", out var result), $"{method} at {Name}: {answer.Body}");
        return result.Clone();
    }

    public HttpRequestMessage Get(string session, string? lastEventId = null) => Mcp.Get(session, lastEventId);

    public HttpRequestMessage Delete(string session) => Mcp.Delete(session);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead) =>
        Mcp.SendAsync(request, completion);

    /// <summary>Opens a session here and returns its id (<paramref name="capabilities"/> as the client's), sending no <c>notifications/initialized</c>.</summary>
    public Task<string> InitializeAsync(string capabilities = "{}") =>
        Mcp.InitializeAsync(capabilities, clientName: "fleet-tests", notifyInitialized: false);

    /// <summary>A request whose answer is one JSON-RPC message (JSON or a one-message SSE stream): returns it.</summary>
    public Task<JsonElement> RequestAsync(string session, string json) => Mcp.RequestAsync(session, json);

    /// <summary>Calls <c>tools/call</c> here and returns the text of the result.</summary>
    public async Task<string> CallAsync(string session, string tool, string arguments = "{}", int id = 1) =>
        McpHttpClient.Text(await RequestAsync(session, McpHttpClient.Call(id, tool, arguments)));

    /// <summary>Stops the instance (drain: its lease is given up, unless <see cref="InMemorySessionDirectory.Crashing"/>).</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        Client.Dispose();
        using var cts = new CancellationTokenSource(Fleet.Wait);
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}

/// <summary>The name of the instance a tool runs on.</summary>
internal sealed record FleetName(string Value);
