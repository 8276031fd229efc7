using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Json.Schema;

namespace McpForge.IntegrationTests;

/// <summary>
/// samples/Orders: tools taking a nested record (a list, a dictionary, an enum, a DateTimeOffset) and returning records.
/// Published with NativeAOT it builds with no warning and answers byte for byte like the JIT build; every structured
/// result agrees with its tool's output schema.
/// </summary>
[Collection(nameof(ReleaseBuildCollection))]
public sealed class OrdersSampleTests
{
    /// <summary>The calls both builds answer: good orders, a quote, the catalog, and bad input at several depths.</summary>
    private static readonly string[] s_calls =
    [
        """{"name":"place_order","arguments":{"order":{"customer":"ada@example.org","shipTo":{"name":"Ada","street":"Main 1","city":"Paris","zip":"75001"},"lines":[{"sku":"TEA-01","quantity":2},{"sku":"MUG-01","quantity":1}],"shipping":"same-day","deliverBy":"2026-03-01T12:00:00+01:00","labels":{"gift":"yes","note":"ring twice"}}}}""",
        """{"name":"place_order","arguments":{"order":{"customer":"bob@example.org","shipTo":{"name":"Bob","street":"Side 2","city":"Lyon","zip":"69001"},"lines":[{"sku":"POT-01","quantity":3}],"shipping":"Standard","deliverBy":"2026-12-24T09:30:00Z"}}}""",
        """{"name":"quote","arguments":{"lines":[{"sku":"TEA-02","quantity":10}]}}""",
        """{"name":"catalog","arguments":{}}""",
        """{"name":"place_order","arguments":{"order":{"customer":"nobody","shipTo":{"name":"X","street":"Y","city":"Z","zip":"123"},"lines":[{"sku":"tea","quantity":0},{"quantity":1}],"shipping":"rocket","deliverBy":"tomorrow","labels":{"a":1}}}}""",
        """{"name":"place_order","arguments":{"order":{"customer":"c@d.e","shipTo":{"name":"X","street":"Y","city":"Z","zip":"12345"},"lines":[{"sku":"ZZZ-99","quantity":1}],"shipping":"Express","deliverBy":"2026-01-01T00:00:00Z"}}}""",
    ];

    private static (string Tools, List<string> Answers) Drive(ChildProcess server)
    {
        Assert.Equal("2025-11-25", server.Initialize().GetProperty("result").GetProperty("protocolVersion").GetString());
        var tools = server.Request(1, "tools/list").GetProperty("result").GetRawText();
        var answers = s_calls.Select((call, i) => server.Request(10 + i, "tools/call", call).GetRawText()).ToList();
        return (tools, answers);
    }

    [Fact]
    public async Task Orders_publishes_as_NativeAOT_without_warnings_and_answers_like_the_JIT_build()
    {
        var output = Path.Combine(Path.GetTempPath(), "mcpforge-aot-orders-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, log) = await NativeAotTests.RunAsync("dotnet", ["publish", Path.Combine(RepositoryPaths.Root, "samples", "Orders"),
                "-r", "linux-x64", "-p:PublishAot=true", "-o", output, "-nologo"], TimeSpan.FromMinutes(8));
            Assert.True(exitCode == 0, "publish failed:\n" + log);
            var warnings = log.Split('\n').Where(l => l.Contains("warning", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(warnings.Count == 0, "publish printed warnings:\n" + string.Join("\n", warnings));

            (string Tools, List<string> Answers) native, jit;
            await using (var server = ChildProcess.Start(Path.Combine(output, "Orders"))) native = Drive(server);
            await using (var server = ChildProcess.Start("dotnet", RepositoryPaths.BuiltAssembly("samples/Orders", "Orders"))) jit = Drive(server);

            Assert.Equal(jit.Tools, native.Tools);
            Assert.Equal(jit.Answers, native.Answers);
            // And the answers are the ones expected, not merely the same: the first order is confirmed...
            var confirmed = JsonDocument.Parse(native.Answers[0]).RootElement.GetProperty("result");
            Assert.Equal("""{"orderId":"ORD-B3ED3883","lines":[{"sku":"TEA-01","quantity":2,"unitPrice":4.50,"total":9.00},{"sku":"MUG-01","quantity":1,"unitPrice":12.00,"total":12.00}],"shipping":"same-day","shipsOn":"2026-03-01T12:00:00+01:00","arrivesBy":"2026-03-01T12:00:00+01:00","total":40.90,"labels":{"gift":"yes","note":"ring twice"}}""",
                confirmed.GetProperty("structuredContent").GetRawText());
            // ...and the bad one lists every problem with its path.
            Assert.Equal(
                """{"errors":[{"path":"/order/shipTo/zip","message":"must match the pattern ^[0-9]{5}$"},{"path":"/order/lines/0/sku","message":"must match the pattern ^[A-Z]{3}-[0-9]{2}$"},{"path":"/order/lines/0/quantity","message":"must be at least 1 and at most 99, got 0"},{"path":"/order/lines/1/sku","message":"required property is missing"},{"path":"/order/shipping","message":"expected one of: Standard, Express, same-day, got \"rocket\""},{"path":"/order/deliverBy","message":"expected a date-time string (ISO 8601, such as \"2025-11-25T14:30:00+01:00\"), got \"tomorrow\""},{"path":"/order/labels/a","message":"expected a string, got 1"},{"path":"/order/customer","message":"must be an email address"}]}""",
                JsonDocument.Parse(native.Answers[4]).RootElement.GetProperty("result").GetProperty("structuredContent").GetRawText());
        }
        finally
        {
            try { Directory.Delete(output, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Every_structured_result_of_the_sample_agrees_with_its_output_schema()
    {
        await using var server = ChildProcess.Start("dotnet", RepositoryPaths.BuiltAssembly("samples/Orders", "Orders"));
        var (toolsJson, answers) = Drive(server);
        var outputSchemas = JsonDocument.Parse(toolsJson).RootElement.GetProperty("tools").EnumerateArray()
            .Where(t => t.TryGetProperty("outputSchema", out _))
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => JsonSchema.Build(t.GetProperty("outputSchema")));
        Assert.Equal(["catalog", "place_order", "quote"], outputSchemas.Keys.Order());
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        var validated = new HashSet<string>();
        for (var i = 0; i < s_calls.Length; i++)
        {
            var name = JsonDocument.Parse(s_calls[i]).RootElement.GetProperty("name").GetString()!;
            var result = JsonDocument.Parse(answers[i]).RootElement.GetProperty("result");
            if (result.TryGetProperty("isError", out _)) continue;
            var structured = result.GetProperty("structuredContent");
            Assert.True(outputSchemas[name].Evaluate(structured, options).IsValid, $"{name}: {structured.GetRawText()}");
            Assert.Equal(structured.GetRawText(), result.GetProperty("content")[0].GetProperty("text").GetString());
            validated.Add(name);
        }
        Assert.Equal(outputSchemas.Keys.Order(), validated.Order()); // every tool with an output schema was checked
    }
}
