using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;

// Every mistake of the troubleshooting guide that `mcpforge doctor` must report, in one server:
//   - a banner on stdout before the first message (stray output);
//   - initialize answered with "2024-10-07", a revision no client speaks;
//   - tools/list in two pages, the second one slow (--delay-ms, default 1200);
//   - a tool with an invalid name and no description, an invalid input schema, an output schema that is no object,
//     and a duplicate tool name;
//   - prompts/list answered with more than 1 MB;
//   - an unknown method answered with -32600 instead of -32601.
// Malformed JSON (-32700) and a request without a method (-32600) are answered correctly, so the doctor's
// error checks are seen to tell right from wrong. With --exit-at-once it writes an error to stderr and exits 3.
var delayMs = 1200;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--exit-at-once")
    {
        Console.Error.WriteLine("fatal: configuration file 'broken.json' not found");
        return 3;
    }
    if (args[i] == "--delay-ms") delayMs = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
}

var stdout = Console.OpenStandardOutput();
void Send(string json)
{
    var bytes = Encoding.UTF8.GetBytes(json + "\n");
    lock (stdout) { stdout.Write(bytes); stdout.Flush(); }
}

Send("Broken server 1.0 starting (this line should have gone to stderr)");

using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
while (stdin.ReadLine() is { } line)
{
    if (line.Length == 0) continue;
    JsonDocument document;
    try
    {
        document = JsonDocument.Parse(line);
    }
    catch (JsonException)
    {
        Send("""{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}""");
        continue;
    }
    using (document)
    {
        var message = document.RootElement;
        if (!message.TryGetProperty("id", out var idElement)) continue; // a notification
        var id = idElement.GetRawText();
        if (!message.TryGetProperty("method", out var methodElement))
        {
            Send($$$$$"""{"jsonrpc":"2.0","id":{{{{{id}}}}},"error":{"code":-32600,"message":"Invalid Request"}}""");
            continue;
        }
        var cursor = message.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("cursor", out var c) ? c.GetString() : null;
        switch (methodElement.GetString())
        {
            case "initialize":
                Send($$$$$"""{"jsonrpc":"2.0","id":{{{{{id}}}}},"result":{"protocolVersion":"2024-10-07","capabilities":{"tools":{},"prompts":{},"resources":{}},"serverInfo":{"name":"broken","version":"1.0.0"}}}""");
                break;
            case "ping":
                Send($$$$$"""{"jsonrpc":"2.0","id":{{{{{id}}}}},"result":{}}""");
                break;
            case "tools/list" when cursor is null:
                Send($$$$$"""{"jsonrpc":"2.0","id":{{{{{id}}}}},"result":{"tools":[{"name":"lookup","description":"Looks a word up.","inputSchema":{"type":"object","properties":{"word":{"type":"string"}},"required":["word"]}}],"nextCursor":"page-2"}}""");
                break;
            case "tools/list":
                Thread.Sleep(delayMs);
                Send($$$$$"""{"jsonrpc":"2.0","id":{{{{{id}}}}},"result":{"tools":[{"name":"get weather!","inputSchema":{"type":"object"}},{"name":"convert","description":"Converts units.","inputSchema":{"type":"objekt","properties":{"value":{"type":"number","minimum":"0"}},"required":"value"}},{"name":"stats","description":"Word statistics.","inputSchema":{"type":"object"},"outputSchema":{"type":"array","items":{"type":"integer"}}},{"name":"lookup","description":"Looks a word up again.","inputSchema":{"type":"object"}}]}}""");
                break;
            case "resources/list":
                Send($$$$$"""{"jsonrpc":"2.0","id":{{{{{id}}}}},"result":{"resources":[]}}""");
                break;
            case "resources/templates/list":
                Send($$$$$"""{"jsonrpc":"2.0","id":{{{{{id}}}}},"result":{"resourceTemplates":[]}}""");
                break;
            case "prompts/list":
                Send($$$$$"""{"jsonrpc":"2.0","id":{{{{{id}}}}},"result":{"prompts":[{"name":"essay","description":"{{{{{new string('x', 1_100_000)}}}}}"}]}}""");
                break;
            default:
                Send($$$$$"""{"jsonrpc":"2.0","id":{{{{{id}}}}},"error":{"code":-32600,"message":"Unknown method"}}""");
                break;
        }
    }
}
return 0;
