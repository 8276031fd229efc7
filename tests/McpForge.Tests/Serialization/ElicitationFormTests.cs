using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Json.Schema;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests.Serialization;

/// <summary>
/// Typed elicitation: the generated restricted schema on the wire (valid per MCP 2025-11-25's own definition of a
/// form schema), and the user's answer read back into the form type, with every mismatch reported.
/// </summary>
public sealed class ElicitationFormTests
{
    private static async Task<ServerHarness> StartAsync()
    {
        var server = ServerHarness.Start(b => b.AddTools<FormTools>());
        await server.RequestAsync(0, "initialize", """{"protocolVersion":"2025-11-25","capabilities":{"elicitation":{"form":{}}}}""");
        return server;
    }

    private static Task Answer(ServerHarness server, JsonElement request, string result) =>
        server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + request.GetProperty("id").GetRawText() + ",\"result\":" + result + "}");

    private static async Task<JsonElement> AskAsync(ServerHarness server, string tool)
    {
        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":{}}}");
        var request = await server.ReadMessageAsync();
        Assert.Equal("elicitation/create", request.GetProperty("method").GetString());
        return request;
    }

    private const string BookingSchema = """{"type":"object","properties":{"name":{"type":"string","description":"Your full name."},"email":{"type":"string","description":"Where the tickets go.","format":"email"},"travelDate":{"type":"string","description":"The day you leave.","format":"date"},"passengers":{"type":"integer","description":"How many travel.","minimum":1,"maximum":9,"default":1},"seat":{"type":"string","description":"Where you sit.","oneOf":[{"const":"Window","title":"Window"},{"const":"Aisle","title":"Aisle"},{"const":"Exit","title":"Exit row, extra legroom"}],"default":"Aisle"},"meals":{"type":"array","description":"Meals on board.","items":{"type":"string","enum":["Vegan","Fish","Meat"]}},"insurance":{"type":"boolean","default":true},"notes":{"type":"string","title":"Notes for the crew","maxLength":200}},"required":["name","email","travelDate"]}""";

    [Fact]
    public async Task The_form_schema_is_generated_and_an_accepted_answer_is_read_into_the_type()
    {
        await using var server = await StartAsync();
        var request = await AskAsync(server, "book_trip");
        Assert.Equal("""{"mode":"form","message":"Your trip","requestedSchema":""" + BookingSchema + "}", request.GetProperty("params").GetRawText());
        await Answer(server, request, """{"action":"accept","content":{"name":"Ada","email":"ada@example.org","travelDate":"2026-03-01","passengers":2,"seat":"Exit","meals":["Vegan","Fish"],"extra":"ignored"}}""");
        Assert.Equal("Ada|ada@example.org|2026-03-01|2|Exit|Vegan,Fish|True|none", ServerHarness.Text(await server.ReadMessageAsync()));
    }

    [Fact]
    public async Task Legacy_titled_choices_use_enumNames()
    {
        await using var server = await StartAsync();
        var request = await AskAsync(server, "choose_seat");
        Assert.Equal("""{"type":"object","properties":{"seat":{"type":"string","enum":["Window","Aisle","Exit"],"enumNames":["Window","Aisle","Exit row, extra legroom"],"default":"Window"}}}""",
            request.GetProperty("params").GetProperty("requestedSchema").GetRawText());
        await Answer(server, request, """{"action":"accept","content":{}}""");
        Assert.Equal("Window", ServerHarness.Text(await server.ReadMessageAsync())); // left out: the initializer stays
    }

    [Fact]
    public async Task An_answer_that_does_not_match_the_form_is_the_tools_error_with_every_mismatch()
    {
        await using var server = await StartAsync();
        var request = await AskAsync(server, "book_trip");
        await Answer(server, request, """{"action":"accept","content":{"name":"Ada","email":"nobody","travelDate":"soon","passengers":20,"seat":"Roof"}}""");
        var result = (await server.ReadMessageAsync()).GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Equal("The client's answer does not match the form: /travelDate: expected a date string (yyyy-MM-dd), got \"soon\"; /seat: expected one of: Window, Aisle, Exit, got \"Roof\"; /email: must be an email address; /passengers: must be at least 1 and at most 9, got 20.",
            result.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_declined_form_has_no_value()
    {
        await using var server = await StartAsync();
        await Answer(server, await AskAsync(server, "book_trip"), """{"action":"decline"}""");
        Assert.Equal("Decline", ServerHarness.Text(await server.ReadMessageAsync()));
    }

    [Fact]
    public void Every_generated_form_schema_is_a_valid_MCP_form_schema()
    {
        using var stream = typeof(ElicitationFormTests).Assembly.GetManifestResourceStream("mcp-requested-schema.json")!;
        var definition = JsonSchema.FromText(new StreamReader(stream).ReadToEnd());
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        foreach (var schema in new[] { Schema<BookingForm>(), Schema<SeatChoice>() })
        {
            using var document = JsonDocument.Parse(schema);
            var results = definition.Evaluate(document.RootElement, options);
            Assert.True(results.IsValid, schema);
            Assert.True(MetaSchemas.Draft202012.Evaluate(document.RootElement, options).IsValid, schema);
        }
        // ...and the definition does reject what a form cannot hold.
        using var nested = JsonDocument.Parse("""{"type":"object","properties":{"address":{"type":"object","properties":{}}}}""");
        Assert.False(definition.Evaluate(nested.RootElement, options).IsValid);
    }

    private static string Schema<T>() where T : IMcpElicitationForm<T> => Encoding.UTF8.GetString(T.RequestedSchema);
}
