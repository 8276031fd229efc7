using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CsCheck;
using Json.Schema;
using McpForge.Generated;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;
using McpForge.Tools;

namespace McpForge.Tests.Serialization;

/// <summary>
/// Every schema the generator writes is valid JSON Schema 2020-12 (checked against the 2020-12 meta-schema), every
/// generated argument validates against its tool's input schema, and every structured result validates against its
/// output schema, with a real validator (JsonSchema.Net, which implements 2020-12 itself: $defs, $ref, anyOf and
/// format assertion).
/// </summary>
public sealed class SchemaValidationTests
{
    private const int Iterations = 40;

    private static readonly EvaluationOptions s_options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private static IEnumerable<McpTool> AllTools() =>
        Tools<UserTypeTools>().Concat(Tools<TypedTools>()).Concat(Tools<BasicTools>());

    private static McpTool[] Tools<T>() where T : IMcpToolType => T.McpTools.Tools.ToArray();

    private static string Errors(EvaluationResults results) =>
        string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")));

    private static void AssertValid(JsonElement schema, JsonElement instance, string what)
    {
        var results = JsonSchema.Build(schema).Evaluate(instance, s_options);
        Assert.True(results.IsValid, $"{what} does not validate against its schema:\n{Errors(results)}\ninstance: {instance.GetRawText()}\nschema: {schema.GetRawText()}");
    }

    [Fact]
    public void Every_schema_is_valid_JSON_Schema_2020_12_in_both_styles()
    {
        var checkedCount = 0;
        foreach (var tool in AllTools())
        {
            foreach (var (style, schema) in new (SchemaStyle, JsonElement?)[]
            {
                (SchemaStyle.Strict, tool.GetInputSchema()), (SchemaStyle.LlmFriendly, tool.GetInputSchema(SchemaStyle.LlmFriendly)), (SchemaStyle.Strict, tool.GetOutputSchema()),
            })
            {
                if (schema is not { } s) continue;
                var results = MetaSchemas.Draft202012.Evaluate(s, s_options);
                Assert.True(results.IsValid, $"{tool.Name} ({style}): not a valid 2020-12 schema:\n{Errors(results)}\n{s.GetRawText()}");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 40, "too few schemas checked: " + checkedCount);
    }

    [Fact]
    public void The_validator_rejects_what_breaks_a_schema()
    {
        var input = Tools<UserTypeTools>().Single(t => t.Name == "place_order").GetInputSchema();
        foreach (var bad in new[]
        {
            """{"order":{"id":"o","shipTo":{"street":"s","zip":"123"},"lines":[],"tier":"Pro","placedAt":"2025-11-25T10:00:00Z"}}""",   // pattern
            """{"order":{"id":"o","shipTo":{"street":"s","zip":"12345"},"lines":[],"tier":"Pro","placedAt":"yesterday"}}""",           // format
            """{"order":{"id":"o","shipTo":{"street":"s","zip":"12345"},"lines":[],"tier":"Pro"}}""",                                  // required
            """{"order":{"id":"o","shipTo":{"street":"s","zip":"12345"},"lines":[{}],"tier":"Pro","placedAt":"2025-11-25T10:00:00Z"}}""", // required at depth
        })
        {
            using var document = JsonDocument.Parse(bad);
            Assert.False(JsonSchema.Build(input).Evaluate(document.RootElement, s_options).IsValid, "accepted: " + bad);
        }
    }

    [Fact]
    public void LlmFriendly_input_schemas_have_no_refs_and_no_null_unions()
    {
        foreach (var tool in AllTools())
        {
            var text = tool.GetInputSchema(SchemaStyle.LlmFriendly).GetRawText();
            Assert.DoesNotContain("\"$ref\"", text);
            Assert.DoesNotContain("\"$defs\"", text);
            Assert.DoesNotContain("\"null\"", text);
        }
        // ...while the strict style describes the recursion once and refers to it.
        var tree = Tools<UserTypeTools>().Single(t => t.Name == "echo_tree");
        Assert.Contains("\"$ref\":\"#/$defs/TreeNode\"", tree.GetInputSchema().GetRawText());
        Assert.Contains("\"type\":[\"string\",\"null\"]", Tools<UserTypeTools>().Single(t => t.Name == "echo_nullables").GetInputSchema().GetRawText());
    }

    private static string Json<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer, value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Each user-type tool with a generator of valid arguments for it.</summary>
    private static readonly (string Tool, Gen<string> Arguments)[] s_calls =
    [
        ("echo_scalars", UserTypeGen.Scalars(offsetDates: true).Select(v => $$"""{"value":{{Json(v, McpForgeJson.Write_McpForge_Tests_Fixtures_Scalars)}}}""")),
        ("echo_nullables", UserTypeGen.Nullables.Select(v => $$"""{"value":{{Json(v, McpForgeJson.Write_McpForge_Tests_Fixtures_NullableScalars)}}}""")),
        ("echo_collections", UserTypeGen.Collections.Select(v => $$"""{"value":{{Json(v, McpForgeJson.Write_McpForge_Tests_Fixtures_Collections)}}}""")),
        ("place_order", Gen.Select(UserTypeGen.Order(offsetDates: true), UserTypeGen.Text.Null(), (o, note) =>
            $$"""{"order":{{Json(o, McpForgeJson.Write_McpForge_Tests_Fixtures_Order)}}{{(note is null ? "" : ",\"note\":" + JsonSerializer.Serialize(note))}}}""")),
        ("echo_tree", UserTypeGen.Tree.Select(v => $$"""{"tree":{{Json(v, McpForgeJson.Write_McpForge_Tests_Fixtures_TreeNode)}}}""")),
        ("echo_bundle", UserTypeGen.Bundle(offsetDates: true).Select(v => $$"""{"bundle":{{Json(v, McpForgeJson.Write_McpForge_Tests_Fixtures_Bundle)}}}""")),
        ("echo_drawing", UserTypeGen.Drawing.Select(v => $$"""{"drawing":{{Json(v, McpForgeJson.Write_McpForge_Tests_Fixtures_Drawing)}}}""")),
        ("echo_counter", Gen.Int.Select(i => "{\"counter\":{\"count\":" + i + ",\"label\":null}}")),
        ("word_counts", UserTypeGen.Text.List[0, 6].Select(words => $$"""{"words":{{JsonSerializer.Serialize(words)}}}""")),
        ("find_address", Gen.Int[0, 99999].Select(zip => $$"""{"zip":"{{zip:D5}}"}""")),
        ("list_addresses", Gen.Int[0, 5].Select(count => $$"""{"count":{{count}}}""")),
        ("order_text", UserTypeGen.Order(offsetDates: true).Select(o => $$"""{"order":{{Json(o, McpForgeJson.Write_McpForge_Tests_Fixtures_Order)}}}""")),
        ("rate", Gen.Select(UserTypeGen.Address, Gen.Int.Nullable(), Gen.Int[1, 5], (a, stars, weight) =>
            $$"""{"address":{{Json(a, McpForgeJson.Write_McpForge_Tests_Fixtures_Address)}},"stars":{{(stars?.ToString() ?? "null")}},"weight":{{weight}}}""")),
    ];

    [Fact]
    public async Task Generated_arguments_validate_against_input_schemas_and_structured_results_against_output_schemas()
    {
        var tools = Tools<UserTypeTools>().ToDictionary(t => t.Name);
        Assert.Equal(tools.Keys.Where(n => n != "broken_promise").Order(), s_calls.Select(c => c.Tool).Order()); // every tool is covered
        await using var server = await ServerHarness.StartInitializedAsync(configure: b => b.AddTools<UserTypeTools>());
        var id = 0;
        foreach (var (name, arguments) in s_calls)
        {
            var tool = tools[name];
            var input = tool.GetInputSchema();
            var output = tool.GetOutputSchema();
            foreach (var json in arguments.Array[Iterations].Single())
            {
                using var document = JsonDocument.Parse(json);
                AssertValid(input, document.RootElement, $"{name} arguments");
                var response = await server.CallToolAsync(++id, name, json);
                var result = response.GetProperty("result");
                Assert.False(result.TryGetProperty("isError", out _), $"{name} failed: {result.GetRawText()}");
                var text = result.GetProperty("content")[0].GetProperty("text").GetString()!;
                if (output is { } schema)
                {
                    var structured = result.GetProperty("structuredContent");
                    AssertValid(schema, structured, $"{name} structuredContent");
                    Assert.Equal(structured.GetRawText(), text); // the text block carries the same JSON
                }
                else
                {
                    Assert.False(result.TryGetProperty("structuredContent", out _));
                    if (name != "rate") JsonDocument.Parse(text).Dispose(); // a list or nullable result: still JSON, as text
                }
            }
        }
    }
}
