using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.AspNetCore.Tests.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace McpForge.AspNetCore.Tests;

/// <summary>
/// A DI scope per call over Streamable HTTP, with scope validation on: a call resolves from the HTTP request's scope
/// (<c>HttpContext.RequestServices</c>, where a middleware's scoped state is), in a session, in stateless mode and on
/// 2026-07-28 requests; the request, and with it the scope, lasts until the handler returns even when the call was
/// answered before (timed out) or cancelled, and the client is not kept waiting for it.
/// </summary>
public sealed class ScopedServicesHttpTests
{
    private const string TagHeader = "X-Unit-Tag";

    private static Task<McpTestHost> StartAsync(Action<McpHttpOptions>? http = null, TimeProvider? time = null, CapturingLoggerProvider? logs = null) =>
        McpTestHost.StartAsync(
            http,
            mcp: b =>
            {
                b.AddTools<ScopedTools>();
                if (time is not null) b.Options.TimeProvider = time;
            },
            map: app => app.Use(async (context, next) =>
            {
                // What a middleware puts in the request's scope, a tool of the same request sees.
                if (context.Request.Headers.TryGetValue(TagHeader, out var tag)) context.RequestServices.GetRequiredService<UnitOfWork>().Tag = tag;
                await next(context);
            }),
            configure: builder =>
            {
                builder.Host.UseDefaultServiceProvider(o =>
                {
                    o.ValidateScopes = true;
                    o.ValidateOnBuild = true;
                });
                builder.Services.AddSingleton<ScopeLedger>().AddScoped<UnitOfWork>().AddScoped<FaultyDisposal>();
                if (logs is not null) builder.Logging.AddProvider(logs);
            });

    private static ScopeLedger Ledger(McpTestHost host) => host.Services.GetRequiredService<ScopeLedger>();

    private static string Call(int id, string tool, string arguments = "{}", string? progressToken = null) =>
        $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/call","params":{"name":"{{{tool}}}","arguments":{{{arguments}}}{{{(progressToken is null ? "" : ",\"_meta\":{\"progressToken\":\"" + progressToken + "\"}")}}}}}""";

    private static string Text(JsonElement response) => response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;

    private static async Task<string> CallInSessionAsync(McpTestHost host, string session, string json, string? tag = null)
    {
        using var response = await host.SendAsync(host.Post(json, session, headers: tag is null ? null : new Dictionary<string, string> { [TagHeader] = tag }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Text(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task A_session_call_resolves_from_its_http_requests_scope_which_ends_with_it()
    {
        await using var host = await StartAsync();
        var session = await host.InitializeAsync();
        Assert.Equal("unit 1, one per call: True, tag: first", await CallInSessionAsync(host, session, Call(1, "unit_of_work"), tag: "first"));
        Assert.Equal("unit 2, one per call: True, tag: second", await CallInSessionAsync(host, session, Call(2, "unit_of_work"), tag: "second"));
        Assert.Equal("created 2, disposed 2", await CallInSessionAsync(host, session, Call(3, "disposals", """{"atLeast":2}""")));
    }

    [Fact]
    public async Task A_stateless_call_and_a_2026_07_28_call_resolve_from_their_http_requests_scope()
    {
        await using var host = await StartAsync(http => http.Stateless = true);
        using (var response = await host.SendAsync(host.Post(Call(1, "unit_of_work"), headers: new Dictionary<string, string> { [TagHeader] = "stateless" })))
        {
            Assert.Equal("unit 1, one per call: True, tag: stateless", Text(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement));
        }
        var modern = await host.SendModernAsync(Modern.Call("2", "unit_of_work"), edit: h => h.Add(TagHeader, "modern"));
        Assert.True(modern.Status == HttpStatusCode.OK, modern.Body);
        Assert.Equal("unit 2, one per call: True, tag: modern", modern.Result.GetProperty("content")[0].GetProperty("text").GetString());
        await Ledger(host).WaitDisposedAsync(2, McpTestHost.Wait);
        Assert.Equal(2, Ledger(host).Created);
    }

    [Fact]
    public async Task A_call_answered_by_its_timeout_keeps_its_scope_until_the_handler_returns_and_the_stream_ends_at_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var host = await StartAsync(time: time);
        var ledger = Ledger(host);
        var session = await host.InitializeAsync();
        using var response = await host.SendAsync(host.Post(Call(1, "unit_after_gate", progressToken: "p"), session), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("", (await reader.NextAsync())!.Data); // priming
        Assert.Contains("notifications/progress", (await reader.NextAsync())!.Data); // the handler is at the gate

        time.Advance(host.Server.Options.ToolTimeout!.Value + TimeSpan.FromSeconds(1));
        Assert.Equal(-32001, (await reader.NextAsync())!.Json.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Null(await reader.NextAsync()); // the stream ended with the answer, though the handler still runs
        Assert.Equal(0, ledger.Disposed);

        ledger.OpenGate();
        Assert.Equal("unit 1 was alive", await ledger.UsedAfterGate.Task.WaitAsync(McpTestHost.Wait));
        await ledger.WaitDisposedAsync(1, McpTestHost.Wait);
    }

    [Fact]
    public async Task A_2026_07_28_call_whose_client_closed_the_stream_keeps_its_scope_until_the_handler_returns()
    {
        await using var host = await StartAsync();
        var ledger = Ledger(host);
        var request = host.PostModern(Modern.Call("1", "unit_after_gate", more: null).Replace("\"_meta\":{", "\"_meta\":{\"progressToken\":\"p\","));
        using (var response = await host.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
            Assert.Contains("notifications/progress", (await reader.NextAsync())!.Data); // the handler is at the gate
        } // the client closes the stream: 2026-07-28's cancellation

        Assert.Equal(0, ledger.Disposed);
        ledger.OpenGate();
        Assert.Equal("unit 1 was alive", await ledger.UsedAfterGate.Task.WaitAsync(McpTestHost.Wait));
        await ledger.WaitDisposedAsync(1, McpTestHost.Wait);
    }

    [Fact]
    public async Task A_service_that_fails_to_dispose_is_logged_and_the_answer_stands()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await StartAsync(logs: logs);
        var session = await host.InitializeAsync();
        Assert.Equal("answered", await CallInSessionAsync(host, session, Call(1, "faulty_disposal")));
        Assert.Equal("unit 1, one per call: True, tag: none", await CallInSessionAsync(host, session, Call(2, "unit_of_work")));
        await Ledger(host).WaitDisposedAsync(1, McpTestHost.Wait);
        Assert.Contains("FaultyDisposal could not be disposed", logs.Text);
    }

    [Fact]
    public async Task The_http_requests_scope_is_made_only_for_a_call_that_resolves_a_service()
    {
        // ASP.NET Core makes the request's scope on the first read of HttpContext.RequestServices: a middleware between
        // the server and the endpoint counts those reads, request by request (by tag), and signals when the request ended.
        var reads = new System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<int>>();
        TaskCompletionSource<int> ReadsOf(string tag) => reads.GetOrAdd(tag, static _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        await using var host = await McpTestHost.StartAsync(
            mcp: b => b.AddTools<ScopedTools>(),
            map: app => app.Use(async (context, next) =>
            {
                // As DefaultHttpContext makes it when RequestServices is first read: the scope is made then, and
                // disposed with the response.
                var inner = new Microsoft.AspNetCore.Http.Features.RequestServicesFeature(context, app.Services.GetRequiredService<IServiceScopeFactory>());
                context.Response.RegisterForDisposeAsync(inner);
                var counting = new CountingServiceProviders(inner);
                context.Features.Set<Microsoft.AspNetCore.Http.Features.IServiceProvidersFeature>(counting);
                await next(context);
                if (context.Request.Headers.TryGetValue(TagHeader, out var tag)) ReadsOf(tag.ToString()).TrySetResult(counting.Reads);
            }),
            configure: builder => builder.Services.AddSingleton<ScopeLedger>().AddScoped<UnitOfWork>().AddScoped<FaultyDisposal>());
        var session = await host.InitializeAsync();
        var tagged = (string tag) => new Dictionary<string, string> { [TagHeader] = tag };

        using (var response = await host.SendAsync(host.Post(Call(1, "echo", """{"message":"hi"}"""), session, headers: tagged("session-echo"))))
        {
            Assert.Equal("hi", Text(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement));
        }
        Assert.Equal(0, await ReadsOf("session-echo").Task.WaitAsync(McpTestHost.Wait));
        var modern = await host.SendModernAsync(Modern.Call("2", "echo", """{"message":"hi"}"""), edit: h => h.Add(TagHeader, "modern-echo"));
        Assert.True(modern.Status == HttpStatusCode.OK, modern.Body);
        Assert.Equal(0, await ReadsOf("modern-echo").Task.WaitAsync(McpTestHost.Wait));

        Assert.Equal("unit 1, one per call: True, tag: none", await CallInSessionAsync(host, session, Call(3, "unit_of_work"), tag: "session-unit"));
        Assert.Equal(1, await ReadsOf("session-unit").Task.WaitAsync(McpTestHost.Wait));
    }

    /// <summary>The request's services as ASP.NET Core keeps them, counting how often they are asked for.</summary>
    private sealed class CountingServiceProviders(Microsoft.AspNetCore.Http.Features.IServiceProvidersFeature inner) : Microsoft.AspNetCore.Http.Features.IServiceProvidersFeature
    {
        public int Reads { get; private set; }

        public IServiceProvider RequestServices
        {
            get
            {
                Reads++;
                return inner.RequestServices;
            }
            set => inner.RequestServices = value;
        }
    }

    [Fact]
    public async Task A_server_built_on_another_container_gives_each_call_a_scope_of_its_own()
    {
        await using var services = new ServiceCollection().AddSingleton<ScopeLedger>().AddScoped<UnitOfWork>()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var server = McpServer.CreateBuilder("own-container", "1.0.0").UseServiceProvider(services).AddTools<ScopedTools>().Build();
        await using var own = await McpTestHost.StartAsync(map: app => app.MapMcp(server, "/own"),
            configure: builder => builder.Services.AddSingleton<ScopeLedger>().AddScoped<UnitOfWork>());
        using var request = own.PostModern(Modern.Call("1", "unit_of_work"), edit: h => h.Add(TagHeader, "ignored"));
        request.RequestUri = new Uri(own.Endpoint, "/own");
        var answer = await own.ReadAsync(request);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        // Not the HTTP request's scope (the host's container), but one of the server's container, disposed after the call.
        Assert.Equal("unit 1, one per call: True, tag: none", answer.Result.GetProperty("content")[0].GetProperty("text").GetString());
        await services.GetRequiredService<ScopeLedger>().WaitDisposedAsync(1, McpTestHost.Wait);
        Assert.Equal(0, own.Services.GetRequiredService<ScopeLedger>().Created);
    }
}
