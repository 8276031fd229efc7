using System;
using System.CommandLine;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Cli.Client;
using McpForge.Cli.Doctor.Checks;

namespace McpForge.Cli.Commands;

/// <summary><c>mcpforge list</c>: the server's tools, resources, templates and prompts, every page.</summary>
internal static class ListCommand
{
    private static readonly (string Capability, string Method, string Array, string Key)[] s_lists =
    [
        ("tools", "tools/list", "tools", "name"),
        ("resources", "resources/list", "resources", "uri"),
        ("resources", "resources/templates/list", "resourceTemplates", "uriTemplate"),
        ("prompts", "prompts/list", "prompts", "name"),
    ];

    public static Command Create()
    {
        var target = new ServerTargetOptions();
        var json = new Option<bool>("--json") { Description = "Write {\"tools\": [...], \"resources\": [...], \"resourceTemplates\": [...], \"prompts\": [...]} as the server sent them" };
        var timeout = new Option<int>("--timeout-ms") { Description = "How long one request may take", DefaultValueFactory = _ => 30_000 };
        var command = new Command("list", "Lists what a server offers: `mcpforge list -- <command> [args]` or `mcpforge list --url <url>`");
        target.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(timeout);
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var (server, error) = target.Read(result);
            if (server is null)
            {
                await Console.Error.WriteLineAsync("mcpforge list: " + error).ConfigureAwait(false);
                return 2;
            }
            await using var client = await ServerConnector.ConnectAsync(server, TimeSpan.FromMilliseconds(result.GetValue(timeout)), Console.Error, cancellationToken).ConfigureAwait(false);
            if (client is null) return 1;
            return result.GetValue(json) ? await WriteJsonAsync(client, cancellationToken).ConfigureAwait(false) : await WriteTextAsync(client, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> WriteJsonAsync(McpClient client, CancellationToken cancellationToken)
    {
        using var stdout = Console.OpenStandardOutput();
        var exitCode = 0;
        using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            foreach (var (capability, method, array, _) in s_lists)
            {
                if (!client.HasCapability(capability)) continue;
                var listing = await ListingChecks.ListAllAsync(client, method, array, cancellationToken).ConfigureAwait(false);
                if (listing.Problem is not null)
                {
                    await Console.Error.WriteLineAsync($"mcpforge list: {method}: {listing.Problem}").ConfigureAwait(false);
                    exitCode = 1;
                }
                json.WriteStartArray(array);
                foreach (var item in listing.Items) item.WriteTo(json);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
        return exitCode;
    }

    private static async Task<int> WriteTextAsync(McpClient client, CancellationToken cancellationToken)
    {
        var exitCode = 0;
        foreach (var (capability, method, array, key) in s_lists)
        {
            if (!client.HasCapability(capability)) continue;
            var listing = await ListingChecks.ListAllAsync(client, method, array, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"{array} ({listing.Items.Count}):");
            foreach (var item in listing.Items)
            {
                var name = item.TryGetProperty(key, out var k) ? k.ToString() : "?";
                var description = item.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? FirstLine(d.GetString()!) : "";
                Console.WriteLine(description.Length > 0 ? $"  {name}  {description}" : $"  {name}");
            }
            if (listing.Problem is not null)
            {
                await Console.Error.WriteLineAsync($"mcpforge list: {method}: {listing.Problem}").ConfigureAwait(false);
                exitCode = 1;
            }
        }
        return exitCode;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length > 100 ? line[..100] + "…" : line;
    }
}
