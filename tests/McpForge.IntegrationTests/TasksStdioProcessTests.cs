using System.Text.Json;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>
/// Tasks over real stdio: samples/Everything as a child process, driven line by line, in both eras: a 2025-11-25 task
/// whose handler asks the user through the task and whose result <c>tasks/result</c> waits for, and a 2026-07-28 task
/// answered through <c>tasks/update</c>; then closing the input stops the server.
/// </summary>
public sealed class TasksStdioProcessTests
{
    private const string Meta = "\"_meta\":" + """{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{"elicitation":{},"extensions":{"io.modelcontextprotocol/tasks":{}}}}""";

    [Fact]
    public async Task A_session_task_asks_through_the_task_and_tasks_result_returns_the_call_result()
    {
        await using var server = ChildProcess.Start("dotnet", RepositoryPaths.BuiltAssembly("samples/Everything", "Everything"), "--stdio");
        server.Send("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"elicitation":{}},"clientInfo":{"name":"t","version":"1"}}}""");
        var initialized = server.ReadResponse(0).Response;
        Assert.Equal("""{"list":{},"cancel":{},"requests":{"tools":{"call":{}}}}""",
            initialized.GetProperty("result").GetProperty("capabilities").GetProperty("tasks").GetRawText());
        server.Send("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");

        var created = server.Request(1, "tools/call", """{"name":"confirm_delete","arguments":{"filename":"a.txt"},"task":{"ttl":60000}}""");
        var task = created.GetProperty("result").GetProperty("task");
        var taskId = task.GetProperty("taskId").GetString()!;
        Assert.Equal("working", task.GetProperty("status").GetString());
        Assert.Equal(60000, task.GetProperty("ttl").GetInt32());

        server.Send($$$"""{"jsonrpc":"2.0","id":2,"method":"tasks/result","params":{"taskId":"{{{taskId}}}"}}""");
        // The task waits for the user: its session hears so (notifications/tasks/status), then gets the ask.
        var asking = JsonDocument.Parse(server.ReadLine()).RootElement;
        Assert.Equal("notifications/tasks/status", asking.GetProperty("method").GetString());
        Assert.Equal((taskId, "input_required"), (asking.GetProperty("params").GetProperty("taskId").GetString(), asking.GetProperty("params").GetProperty("status").GetString()));
        var ask = JsonDocument.Parse(server.ReadLine()).RootElement;
        Assert.Equal("elicitation/create", ask.GetProperty("method").GetString());
        Assert.Equal(taskId, ask.GetProperty("params").GetProperty("_meta").GetProperty("io.modelcontextprotocol/related-task").GetProperty("taskId").GetString());
        server.Send("{\"jsonrpc\":\"2.0\",\"id\":" + ask.GetProperty("id").GetRawText() + ""","result":{"action":"accept","content":{"confirm":true}}}""");
        var (response, before) = server.ReadResponse(2);
        var result = response.GetProperty("result");
        Assert.Equal(["working", "completed"], before.ConvertAll(n => n.GetProperty("params").GetProperty("status").GetString()));
        Assert.Equal("Deleted 'a.txt'.", result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(taskId, result.GetProperty("_meta").GetProperty("io.modelcontextprotocol/related-task").GetProperty("taskId").GetString());
        Assert.Equal("completed", server.Request(3, "tasks/get", $$"""{"taskId":"{{taskId}}"}""").GetProperty("result").GetProperty("status").GetString());
        server.CloseInput();
        Assert.True(server.WaitForExit(McpTestWait));
        Assert.Equal(0, server.ExitCode);
    }

    [Fact]
    public async Task A_2026_07_28_task_takes_its_answer_through_tasks_update_and_completes()
    {
        await using var server = ChildProcess.Start("dotnet", RepositoryPaths.BuiltAssembly("samples/Everything", "Everything"), "--stdio");
        var created = server.Request(1, "tools/call", """{"name":"confirm_delete","arguments":{"filename":"b.txt"},""" + Meta + "}");
        Assert.Equal("task", created.GetProperty("result").GetProperty("resultType").GetString());
        var taskId = created.GetProperty("result").GetProperty("taskId").GetString()!;
        JsonElement got = default;
        for (var i = 0; i < 2000; i++)
        {
            got = server.Request(100 + i, "tasks/get", $$"""{"taskId":"{{taskId}}",""" + Meta + "}").GetProperty("result");
            if (got.GetProperty("status").GetString() == "input_required") break;
        }
        Assert.Equal("input_required", got.GetProperty("status").GetString());
        var key = Assert.Single(got.GetProperty("inputRequests").EnumerateObject()).Name;
        var ack = server.Request(3, "tasks/update", "{\"taskId\":\"" + taskId + "\",\"inputResponses\":{\"" + key + "\":" + """{"action":"accept","content":{"confirm":false}}},""" + Meta + "}");
        Assert.Equal("complete", ack.GetProperty("result").GetProperty("resultType").GetString());
        for (var i = 0; i < 2000; i++)
        {
            got = server.Request(3000 + i, "tasks/get", $$"""{"taskId":"{{taskId}}",""" + Meta + "}").GetProperty("result");
            if (got.GetProperty("status").GetString() == "completed") break;
        }
        Assert.Equal("Kept 'b.txt'.", got.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        await Task.CompletedTask;
    }

    private static readonly System.TimeSpan McpTestWait = System.TimeSpan.FromSeconds(20);
}
