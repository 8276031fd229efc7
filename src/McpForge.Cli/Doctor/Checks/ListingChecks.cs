using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Cli.Client;
using McpForge.Cli.Protocol;

namespace McpForge.Cli.Doctor.Checks;

/// <summary>A list read to its last page, or why it could not be.</summary>
internal sealed record Listing(List<JsonElement> Items, int Pages, string? Problem);

/// <summary>The four lists (pagination followed to the end) and what must hold of their entries.</summary>
internal static partial class ListingChecks
{
    private const int MaxPages = 1000;

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$")]
    private static partial Regex ValidToolName();

    /// <summary>Reads every page of a list method; a repeated cursor or more than 1000 pages is a problem, not a hang.</summary>
    public static async Task<Listing> ListAllAsync(McpClient client, string method, string arrayName, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        var seenCursors = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 1; page <= MaxPages; page++)
        {
            var outcome = await client.RequestAsync(method, cursor is null ? "{}" : $$"""{"cursor":{{JsonText.Quote(cursor)}}}""",
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (outcome.Result is not { } result) return new Listing(items, page - 1, $"page {page}: {outcome.Problem}");
            if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty(arrayName, out var array) || array.ValueKind != JsonValueKind.Array)
                return new Listing(items, page, $"page {page} has no \"{arrayName}\" array");
            items.AddRange(array.EnumerateArray());
            if (!result.TryGetProperty("nextCursor", out var next) || next.ValueKind == JsonValueKind.Null) return new Listing(items, page, null);
            if (next.ValueKind != JsonValueKind.String) return new Listing(items, page, $"page {page}: nextCursor is not a string");
            cursor = next.GetString()!;
            if (!seenCursors.Add(cursor)) return new Listing(items, page, $"page {page} repeats the cursor \"{cursor}\": the list never ends");
        }
        return new Listing(items, MaxPages, $"more than {MaxPages} pages");
    }

    public static async Task RunAsync(DoctorRun run, McpClient client, CancellationToken cancellationToken)
    {
        var tools = await ListAsync(run, client, DoctorCatalog.ListTools, "tools", "tools/list", "tools", cancellationToken).ConfigureAwait(false);
        var resources = await ListAsync(run, client, DoctorCatalog.ListResources, "resources", "resources/list", "resources", cancellationToken).ConfigureAwait(false);
        var templates = await ListAsync(run, client, DoctorCatalog.ListResourceTemplates, "resources", "resources/templates/list", "resourceTemplates", cancellationToken).ConfigureAwait(false);
        var prompts = await ListAsync(run, client, DoctorCatalog.ListPrompts, "prompts", "prompts/list", "prompts", cancellationToken).ConfigureAwait(false);

        CheckEntries(run, DoctorCatalog.ListResources, resources, "uri", "name");
        CheckEntries(run, DoctorCatalog.ListResourceTemplates, templates, "uriTemplate", "name");
        CheckEntries(run, DoctorCatalog.ListPrompts, prompts, "name");
        CheckEntries(run, DoctorCatalog.ListTools, tools, "name");

        if (tools is null)
        {
            run.SkipRemaining([DoctorCatalog.ToolNames, DoctorCatalog.ToolDescriptions, DoctorCatalog.ToolInputSchemas, DoctorCatalog.ToolOutputSchemas],
                client.HasCapability("tools") ? "tools/list did not complete" : "the server declares no tools capability");
        }
        else
        {
            CheckToolNames(run, tools.Items);
            CheckDescriptions(run, tools.Items);
            CheckInputSchemas(run, tools.Items);
            CheckOutputSchemas(run, tools.Items);
        }
        CheckDuplicates(run, tools, prompts, resources, templates);
    }

    private static async Task<Listing?> ListAsync(DoctorRun run, McpClient client, CheckDefinition check, string capability, string method, string arrayName, CancellationToken cancellationToken)
    {
        if (!client.HasCapability(capability))
        {
            run.Add(CheckResult.Skip(check, $"the server declares no {capability} capability"));
            return null;
        }
        run.Progress(method);
        var listing = await ListAllAsync(client, method, arrayName, cancellationToken).ConfigureAwait(false);
        if (listing.Problem is not null)
        {
            run.Add(CheckResult.Fail(check, listing.Problem));
            return null;
        }
        run.Add(CheckResult.Pass(check, $"{listing.Items.Count} {Plural(listing.Items.Count, arrayName == "resourceTemplates" ? "template" : capability.TrimEnd('s'))} in {listing.Pages} {Plural(listing.Pages, "page")}"));
        return listing;
    }

    /// <summary>Every entry must be an object with the required string members; the list check fails otherwise.</summary>
    private static void CheckEntries(DoctorRun run, CheckDefinition check, Listing? listing, params string[] required)
    {
        if (listing is null) return;
        var problems = new List<string>();
        for (var i = 0; i < listing.Items.Count; i++)
        {
            var item = listing.Items[i];
            foreach (var member in required)
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(member, out var value) || value.ValueKind != JsonValueKind.String)
                    problems.Add($"entry {i} has no \"{member}\" string");
            }
            if (check == DoctorCatalog.ListPrompts && item.ValueKind == JsonValueKind.Object && item.TryGetProperty("arguments", out var arguments))
            {
                if (arguments.ValueKind != JsonValueKind.Array || arguments.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.Object || !a.TryGetProperty("name", out _)))
                    problems.Add($"prompt {NameOf(item)}: every argument needs a name");
            }
        }
        if (problems.Count > 0) run.Add(CheckResult.Fail(check, Join(problems)));
    }

    private static void CheckToolNames(DoctorRun run, List<JsonElement> tools)
    {
        var bad = tools.Select(NameOf).Where(n => n is not null && !ValidToolName().IsMatch(n)).Select(n => Quote(n!)).ToList();
        run.Add(bad.Count == 0
            ? CheckResult.Pass(DoctorCatalog.ToolNames, $"{tools.Count} valid {Plural(tools.Count, "name")}")
            : CheckResult.Fail(DoctorCatalog.ToolNames, "not 1-128 of A-Za-z0-9_-.: " + Join(bad)));
    }

    private static void CheckDescriptions(DoctorRun run, List<JsonElement> tools)
    {
        var missing = tools.Where(t => !t.TryGetProperty("description", out var d) || d.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(d.GetString()))
            .Select(t => Quote(NameOf(t) ?? "?")).ToList();
        run.Add(missing.Count == 0
            ? CheckResult.Pass(DoctorCatalog.ToolDescriptions, $"{tools.Count} {Plural(tools.Count, "tool")} described")
            : CheckResult.Warn(DoctorCatalog.ToolDescriptions, "no description: " + Join(missing)));
    }

    private static void CheckInputSchemas(DoctorRun run, List<JsonElement> tools)
    {
        var problems = new List<string>();
        var otherDialects = new List<string>();
        foreach (var tool in tools)
        {
            var name = Quote(NameOf(tool) ?? "?");
            if (!tool.TryGetProperty("inputSchema", out var schema))
            {
                problems.Add($"{name}: no inputSchema");
                continue;
            }
            foreach (var problem in JsonSchemaChecker.Check(schema)) problems.Add($"{name} {problem}");
            if (schema.ValueKind == JsonValueKind.Object && (!schema.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object"))
                problems.Add($"{name}: an inputSchema must have \"type\": \"object\"");
            if (JsonSchemaChecker.OtherDialect(schema) is { } dialect) otherDialects.Add(dialect + "\n" + name);
        }
        if (problems.Count > 0) run.Add(CheckResult.Fail(DoctorCatalog.ToolInputSchemas, Join(problems)));
        else if (otherDialects.Count > 0)
        {
            // MCP 2025-11-25 reads schemas as 2020-12 unless they say otherwise; clients may not support other dialects.
            var byDialect = otherDialects.GroupBy(d => d[..d.IndexOf('\n')]).Select(g =>
                $"{g.Count()} of {tools.Count} {Plural(tools.Count, "tool")} declare {g.Key} ({string.Join(", ", g.Take(3).Select(d => d[(d.IndexOf('\n') + 1)..]))}{(g.Count() > 3 ? ", …" : "")})");
            run.Add(CheckResult.Warn(DoctorCatalog.ToolInputSchemas, "not JSON Schema 2020-12: " + string.Join("; ", byDialect)));
        }
        else run.Add(CheckResult.Pass(DoctorCatalog.ToolInputSchemas, $"{tools.Count} valid {Plural(tools.Count, "schema")}"));
    }

    private static void CheckOutputSchemas(DoctorRun run, List<JsonElement> tools)
    {
        var problems = new List<string>();
        var declared = 0;
        foreach (var tool in tools)
        {
            if (!tool.TryGetProperty("outputSchema", out var schema)) continue;
            declared++;
            var name = Quote(NameOf(tool) ?? "?");
            foreach (var problem in JsonSchemaChecker.Check(schema)) problems.Add($"{name} {problem}");
            if (schema.ValueKind == JsonValueKind.Object && (!schema.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object"))
                problems.Add($"{name}: an outputSchema must have \"type\": \"object\" (structuredContent is an object)");
        }
        run.Add(problems.Count > 0
            ? CheckResult.Fail(DoctorCatalog.ToolOutputSchemas, Join(problems))
            : CheckResult.Pass(DoctorCatalog.ToolOutputSchemas, declared == 0 ? "no tool declares structured output" : $"{declared} valid {Plural(declared, "schema")}"));
    }

    private static void CheckDuplicates(DoctorRun run, Listing? tools, Listing? prompts, Listing? resources, Listing? templates)
    {
        var duplicates = new List<string>();
        Collect(tools, "name", "tool", duplicates);
        Collect(prompts, "name", "prompt", duplicates);
        Collect(resources, "uri", "resource", duplicates);
        Collect(templates, "uriTemplate", "template", duplicates);
        run.Add(duplicates.Count == 0
            ? CheckResult.Pass(DoctorCatalog.DuplicateNames, "every name is unique")
            : CheckResult.Fail(DoctorCatalog.DuplicateNames, Join(duplicates)));

        static void Collect(Listing? listing, string member, string kind, List<string> duplicates)
        {
            if (listing is null) return;
            var names = listing.Items.Select(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty(member, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
                .Where(n => n is not null);
            foreach (var group in names.GroupBy(n => n!, StringComparer.Ordinal).Where(g => g.Count() > 1))
                duplicates.Add($"{kind} {Quote(group.Key)} appears {group.Count()} times");
        }
    }

    private static string? NameOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;

    private static string Quote(string name) => "'" + name + "'";

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";

    /// <summary>Problems on one line, the first ten of them.</summary>
    internal static string Join(List<string> problems) =>
        problems.Count <= 10 ? string.Join("; ", problems) : string.Join("; ", problems.Take(10)) + $"; and {problems.Count - 10} more";
}
