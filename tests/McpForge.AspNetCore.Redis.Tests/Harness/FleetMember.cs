using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
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
    }

    public string Name { get; }

    public InMemorySessionDirectory Directory { get; }

    /// <summary>How this instance signs what it forwards (a test forges or loops with it).</summary>
    public ForwardingSignature Signature { get; }

    public Uri BaseUrl { get; }

    public Uri Endpoint { get; }

    public HttpClient Client { get; }

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
    public HttpRequestMessage Post(string json, string? session = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
            request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        }
        return request;
    }

    /// <summary>
    /// A POST of a 2026-07-28 request, as a client declaring the tasks extension and elicitation sends it: the
    /// <c>_meta</c> in the body, and the headers repeating it (<c>Mcp-Name</c>: the tool, or the task).
    /// </summary>
    public HttpRequestMessage PostModern(int id, string method, string paramsMembers, string name)
    {
        var json = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}," + paramsMembers + "}}";
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2026-07-28");
        request.Headers.Add("Mcp-Method", method);
        request.Headers.Add("Mcp-Name", name);
        return request;
    }

    /// <summary>A 2026-07-28 request sent here; returns its <c>result</c>.</summary>
    public async Task<JsonElement> ModernAsync(int id, string method, string paramsMembers, string name)
    {
        using var response = await SendAsync(PostModern(id, method, paramsMembers, name));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} at {Name}: {(int)response.StatusCode} {body}");
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            body = body.Split('\n').Last(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
        }
        var message = JsonDocument.Parse(body).RootElement;
        Assert.True(message.TryGetProperty("result", out var result), $"{method} at {Name}: {body}");
        return result.Clone();
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

    public HttpRequestMessage Delete(string session)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, Endpoint);
        request.Headers.Add("Mcp-Session-Id", session);
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var cts = new CancellationTokenSource(Fleet.Wait);
        return await Client.SendAsync(request, completion, cts.Token);
    }

    /// <summary>Opens a session here and returns its id (<paramref name="capabilities"/> as the client's).</summary>
    public async Task<string> InitializeAsync(string capabilities = "{}")
    {
        using var response = await SendAsync(Post(
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":" + capabilities
            + ",\"clientInfo\":{\"name\":\"fleet-tests\",\"version\":\"1\"}}}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Mcp-Session-Id").Single();
    }

    /// <summary>A request whose answer is one JSON-RPC message (JSON or a one-message SSE stream): returns it.</summary>
    public async Task<JsonElement> RequestAsync(string session, string json)
    {
        using var response = await SendAsync(Post(json, session));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            body = body.Split('\n').Last(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
        }
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Calls <c>tools/call</c> here and returns the text of the result.</summary>
    public async Task<string> CallAsync(string session, string tool, string arguments = "{}", int id = 1)
    {
        var answer = await RequestAsync(session, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}");
        return answer.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;
    }

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
