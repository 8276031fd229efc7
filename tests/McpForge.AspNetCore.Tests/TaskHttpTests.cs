using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.AspNetCore.Authorization;
using McpForge.AspNetCore.Tests.Harness;
using McpForge.Tasks;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace McpForge.AspNetCore.Tests;

/// <summary>
/// 2025-11-25 tasks over real Kestrel with bearer tokens: a task belongs to the user who made it (another user's
/// <c>tasks/get</c>, <c>tasks/result</c>, <c>tasks/cancel</c> and <c>tasks/list</c> find nothing), it outlives the session
/// that made it, and its handler runs in a DI scope of its own that ends with the task, not with the HTTP request.
/// </summary>
public sealed class TaskHttpTests
{
    private const string TagHeader = "X-Probe-Tag";

    private static Task<McpTestHost> StartAsync() => McpTestHost.StartAsync(
        http => http.Authentication = new McpAuthenticationOptions
        {
            Schemes = { JwtBearerDefaults.AuthenticationScheme },
            ResourceMetadata = new ProtectedResourceMetadata { Resource = TestTokens.Resource, AuthorizationServers = { TestTokens.Issuer } },
        },
        mcp: b =>
        {
            b.AddTools<TaskHttpTools>();
            b.Options.Tasks = new McpTaskOptions();
        },
        map: app => app.Use(async (context, next) =>
        {
            if (context.Request.Headers.TryGetValue(TagHeader, out var tag)) context.RequestServices.GetRequiredService<TaskScopeProbe>().Tag = tag;
            await next(context);
        }),
        configure: builder =>
        {
            builder.Services.AddScoped<TaskScopeProbe>();
            builder.Services.AddAuthentication().AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TestTokens.Issuer,
                    ValidAudience = TestTokens.Resource,
                    IssuerSigningKey = TestTokens.Key,
                };
            });
        });

    private static string Key() => Guid.NewGuid().ToString("N");

    private static HttpRequestMessage As(HttpRequestMessage request, string token, string? tag = null)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (tag is not null) request.Headers.Add(TagHeader, tag);
        return request;
    }

    private static async Task<string> InitializeAsync(McpTestHost host, string token)
    {
        using var response = await host.SendAsync(As(host.Post(
            """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"""), token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = string.Join("", response.Headers.GetValues("Mcp-Session-Id"));
        using var initialized = await host.SendAsync(As(host.Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", session), token));
        return session;
    }

    /// <summary>Sends a request and returns its response, whether it came as JSON or on an event stream.</summary>
    private static async Task<JsonElement> RequestAsync(McpTestHost host, string session, string token, string json, string? tag = null)
    {
        using var response = await host.SendAsync(As(host.Post(json, session), token, tag), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
        using var events = new SseReader(await response.Content.ReadAsStreamAsync());
        for (var i = 0; i < 100; i++)
        {
            var e = await events.NextAsync() ?? throw new Xunit.Sdk.XunitException("The stream ended without a response.");
            if (e.Data.Length > 0 && e.Json.TryGetProperty("id", out _) && !e.Json.TryGetProperty("method", out _)) return e.Json;
        }
        throw new Xunit.Sdk.XunitException("No response among 100 events.");
    }

    private static string Call(int id, string tool, string key) =>
        $$$$"""{"jsonrpc":"2.0","id":{{{{id}}}},"method":"tools/call","params":{"name":"{{{{tool}}}}","arguments":{"key":"{{{{key}}}}"},"task":{}}}""";

    private static string OnTask(int id, string method, string taskId) =>
        $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"{{{method}}}","params":{"taskId":"{{{taskId}}}"}}""";

    [Fact]
    public async Task Another_users_requests_find_no_such_task_and_its_list_is_empty()
    {
        await using var host = await StartAsync();
        var alice = TestTokens.Create("alice");
        var bob = TestTokens.Create("bob");
        var aliceSession = await InitializeAsync(host, alice);
        var bobSession = await InitializeAsync(host, bob);
        var key = Key();
        var created = await RequestAsync(host, aliceSession, alice, Call(1, "task_gated", key));
        var taskId = created.GetProperty("result").GetProperty("task").GetProperty("taskId").GetString()!;
        foreach (var method in new[] { "tasks/get", "tasks/result", "tasks/cancel" })
        {
            var refused = await RequestAsync(host, bobSession, bob, OnTask(2, method, taskId));
            Assert.Equal(
                $$$"""{"code":-32602,"message":"Invalid params","data":{"details":"No task has the id '{{{taskId}}}' (tasks expire with their time to live, and each caller sees only its own)."}}""",
                refused.GetProperty("error").GetRawText());
        }
        Assert.Equal("[]", (await RequestAsync(host, bobSession, bob, """{"jsonrpc":"2.0","id":3,"method":"tasks/list"}""")).GetProperty("result").GetProperty("tasks").GetRawText());
        Assert.Equal(taskId, (await RequestAsync(host, aliceSession, alice, """{"jsonrpc":"2.0","id":4,"method":"tasks/list"}""")).GetProperty("result").GetProperty("tasks")[0].GetProperty("taskId").GetString());
        Assert.Equal("working", (await RequestAsync(host, aliceSession, alice, OnTask(5, "tasks/get", taskId))).GetProperty("result").GetProperty("status").GetString());
        TaskHttpTools.Gate(key).SetResult("done");
    }

    [Fact]
    public async Task A_client_that_polls_hears_each_status_change_on_its_sessions_get_stream_without_the_related_task_key()
    {
        await using var host = await StartAsync();
        var alice = TestTokens.Create("alice");
        var session = await InitializeAsync(host, alice);
        using var get = await host.SendAsync(As(host.Get(session), alice), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", get.Content.Headers.ContentType!.MediaType);
        using var stream = new SseReader(await get.Content.ReadAsStreamAsync());
        Assert.Equal("", (await stream.NextAsync())!.Data); // priming

        var key = Key();
        var taskId = (await RequestAsync(host, session, alice, Call(1, "task_gated", key))).GetProperty("result").GetProperty("task").GetProperty("taskId").GetString()!;
        var cancelled = Key();
        var cancelledId = (await RequestAsync(host, session, alice, Call(2, "task_gated", cancelled))).GetProperty("result").GetProperty("task").GetProperty("taskId").GetString()!;
        TaskHttpTools.Gate(key).SetResult("done");
        var completed = JsonDocument.Parse((await stream.NextAsync())!.Data).RootElement;
        Assert.Equal("cancelled", (await RequestAsync(host, session, alice, OnTask(3, "tasks/cancel", cancelledId))).GetProperty("result").GetProperty("status").GetString());
        var ended = JsonDocument.Parse((await stream.NextAsync())!.Data).RootElement;

        // The full Task: what tasks/get answers now, with no _meta.
        Assert.Equal("notifications/tasks/status", completed.GetProperty("method").GetString());
        Assert.Equal((await RequestAsync(host, session, alice, OnTask(4, "tasks/get", taskId))).GetProperty("result").GetRawText(), completed.GetProperty("params").GetRawText());
        Assert.Equal("completed", completed.GetProperty("params").GetProperty("status").GetString());
        Assert.Equal("notifications/tasks/status", ended.GetProperty("method").GetString());
        Assert.Equal((await RequestAsync(host, session, alice, OnTask(5, "tasks/get", cancelledId))).GetProperty("result").GetRawText(), ended.GetProperty("params").GetRawText());
        Assert.Equal("Cancelled by the client.", ended.GetProperty("params").GetProperty("statusMessage").GetString());
    }

    [Fact]
    public async Task A_task_outlives_the_session_that_made_it_and_its_user_reads_the_result_from_a_new_session()
    {
        await using var host = await StartAsync();
        var alice = TestTokens.Create("alice");
        var first = await InitializeAsync(host, alice);
        var key = Key();
        var taskId = (await RequestAsync(host, first, alice, Call(1, "task_gated", key))).GetProperty("result").GetProperty("task").GetProperty("taskId").GetString()!;
        var delete = As(new HttpRequestMessage(HttpMethod.Delete, host.Endpoint), alice);
        delete.Headers.Add("Mcp-Session-Id", first);
        delete.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        using (var deleted = await host.SendAsync(delete)) Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var second = await InitializeAsync(host, alice);
        Assert.Equal("working", (await RequestAsync(host, second, alice, OnTask(2, "tasks/get", taskId))).GetProperty("result").GetProperty("status").GetString());
        TaskHttpTools.Gate(key).SetResult("report");
        var result = await RequestAsync(host, second, alice, OnTask(3, "tasks/result", taskId));
        Assert.Equal(
            $$$$"""{"content":[{"type":"text","text":"report for alice"}],"_meta":{"io.modelcontextprotocol/related-task":{"taskId":"{{{{taskId}}}}"}}}""",
            result.GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task A_tasks_handler_resolves_from_a_scope_of_its_own_which_ends_with_the_task_not_the_http_request()
    {
        await using var host = await StartAsync();
        var alice = TestTokens.Create("alice");
        var session = await InitializeAsync(host, alice);
        var key = Key();
        // The middleware tags the HTTP request's probe; the task's probe is another one, alive after the request ended.
        var taskId = (await RequestAsync(host, session, alice, Call(1, "task_scoped", key), tag: "request"))
            .GetProperty("result").GetProperty("task").GetProperty("taskId").GetString()!;
        Assert.False(TaskScopeProbe.Disposals.ContainsKey(key));
        TaskHttpTools.Gate(key).SetResult("ran");
        var result = await RequestAsync(host, session, alice, OnTask(2, "tasks/result", taskId));
        Assert.Equal("ran; tag: none; disposed: False", result.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        await TaskScopeProbe.Disposals.GetOrAdd(key, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task
            .WaitAsync(McpTestHost.Wait, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task When_the_application_stops_a_running_task_ends_cancelled()
    {
        var host = await StartAsync();
        var alice = TestTokens.Create("alice");
        var session = await InitializeAsync(host, alice);
        var taskId = (await RequestAsync(host, session, alice, Call(1, "task_gated", Key()))).GetProperty("result").GetProperty("task").GetProperty("taskId").GetString()!;
        var server = host.Server;
        await host.DisposeAsync();
        var record = await server.Tasks!.Store.GetAsync(taskId, "user:" + TestTokens.Issuer + "\n" + "alice", TestContext.Current.CancellationToken);
        Assert.Equal(McpTaskStatus.Cancelled, record!.Status);
        Assert.Equal("The server stopped before the task ended.", record.StatusMessage);
    }
}
