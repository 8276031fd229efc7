using System;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Threading;
using McpForge.Cli.Protocol;

namespace McpForge.Cli.Commands;

/// <summary><c>mcpforge call &lt;tool&gt; --args '{...}'</c>: calls one tool and prints what it returned.</summary>
internal static class CallCommand
{
    public static Command Create()
    {
        var target = new ServerTargetOptions();
        var tool = new Argument<string>("tool") { Description = "The tool's name" };
        var args = new Option<string>("--args") { Description = "The arguments, a JSON object", DefaultValueFactory = _ => "{}" };
        var json = new Option<bool>("--json") { Description = "Write the whole result (or error) as the server sent it" };
        var timeout = new Option<int>("--timeout-ms") { Description = "How long the call may take", DefaultValueFactory = _ => 60_000 };
        var command = new Command("call", "Calls a tool: `mcpforge call <tool> --args '{...}' -- <command> [args]` or with --url <url>");
        command.Arguments.Add(tool);
        target.AddTo(command);
        command.Options.Add(args);
        command.Options.Add(json);
        command.Options.Add(timeout);
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var (server, error) = target.Read(result);
            var arguments = result.GetValue(args)!;
            if (server is not null && !IsJsonObject(arguments)) error = $"--args must be a JSON object, not {arguments}";
            if (server is null || error is not null)
            {
                await Console.Error.WriteLineAsync("mcpforge call: " + error).ConfigureAwait(false);
                return 2;
            }
            var wait = TimeSpan.FromMilliseconds(result.GetValue(timeout));
            await using var client = await ServerConnector.ConnectAsync(server, wait, Console.Error, cancellationToken).ConfigureAwait(false);
            if (client is null) return 1;

            var outcome = await client.RequestAsync("tools/call", $$"""{"name":{{JsonText.Quote(result.GetValue(tool)!)}},"arguments":{{arguments}}}""",
                wait, cancellationToken).ConfigureAwait(false);
            if (outcome.Result is not { } callResult)
            {
                if (result.GetValue(json) && outcome.Error is { } rpcError)
                {
                    var data = rpcError.Data is { } d ? ",\"data\":" + d.GetRawText() : "";
                    Console.WriteLine("{\"error\":{\"code\":" + rpcError.Code + ",\"message\":" + JsonText.Quote(rpcError.Message) + data + "}}");
                }
                await Console.Error.WriteLineAsync("mcpforge call: " + outcome.Problem).ConfigureAwait(false);
                return 1;
            }
            var isError = callResult.TryGetProperty("isError", out var flag) && flag.ValueKind == JsonValueKind.True;
            if (result.GetValue(json)) Console.WriteLine(callResult.GetRawText());
            else Console.WriteLine(Render(callResult));
            return isError ? 1 : 0;
        });
        return command;
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Text blocks as text; other blocks and structured content as compact JSON.</summary>
    private static string Render(JsonElement result)
    {
        var text = new StringBuilder();
        if (result.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                if (text.Length > 0) text.Append('\n');
                if (block.TryGetProperty("type", out var type) && type.GetString() == "text" && block.TryGetProperty("text", out var t)) text.Append(t.GetString());
                else text.Append(block.GetRawText());
            }
        }
        if (result.TryGetProperty("structuredContent", out var structured) && text.Length == 0) text.Append(structured.GetRawText());
        if (result.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True) text.Insert(0, "error: ");
        return text.ToString();
    }
}
