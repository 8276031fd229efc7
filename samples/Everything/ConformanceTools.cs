using System;
using System.Threading.Tasks;
using McpForge;
using McpForge.Protocol;

namespace Everything;

/// <summary>The tools the conformance suite calls, with the results its checks expect.</summary>
public sealed partial class ConformanceTools
{
    /// <summary>Returns one text block.</summary>
    [McpTool("test_simple_text", ReadOnly = true)]
    public static string SimpleText() => "This is a simple text response for testing.";

    /// <summary>Returns a 1x1 PNG image.</summary>
    [McpTool("test_image_content", ReadOnly = true)]
    public static ContentBlock Image() => new ImageContent(Assets.Png, "image/png");

    /// <summary>Returns a short WAV clip.</summary>
    [McpTool("test_audio_content", ReadOnly = true)]
    public static ContentBlock Audio() => new AudioContent(Assets.Wav, "audio/wav");

    /// <summary>Returns an embedded text resource.</summary>
    [McpTool("test_embedded_resource", ReadOnly = true)]
    public static ContentBlock EmbeddedResource() =>
        new EmbeddedResource(new TextResourceContents("test://embedded-resource", "This is an embedded resource content.", "text/plain"));

    /// <summary>Returns text, an image and an embedded resource together.</summary>
    [McpTool("test_multiple_content_types", ReadOnly = true)]
    public static ContentBlock[] MixedContent() =>
    [
        new TextContent("Multiple content types test:"),
        new ImageContent(Assets.Png, "image/png"),
        new EmbeddedResource(new TextResourceContents("test://mixed-content-resource", """{"test":"data","value":123}""", "application/json")),
    ];

    /// <summary>Logs three messages to the client while it runs.</summary>
    [McpTool("test_tool_with_logging")]
    public static async Task<string> WithLogging(McpContext context)
    {
        await context.LogInfoAsync("Tool execution started");
        await Task.Delay(50, context.CancellationToken);
        await context.LogInfoAsync("Tool processing data");
        await Task.Delay(50, context.CancellationToken);
        await context.LogInfoAsync("Tool execution completed");
        return "Tool with logging executed successfully";
    }

    /// <summary>Reports progress 0, 50 and 100 of 100.</summary>
    [McpTool("test_tool_with_progress")]
    public static async Task<string> WithProgress(McpContext context)
    {
        await context.ReportProgressAsync(0, 100, "starting");
        await Task.Delay(50, context.CancellationToken);
        await context.ReportProgressAsync(50, 100, "halfway");
        await Task.Delay(50, context.CancellationToken);
        await context.ReportProgressAsync(100, 100, "done");
        return "Progress reported: 0, 50, 100 of 100";
    }

    /// <summary>Always fails, to show how a tool error reaches the model.</summary>
    [McpTool("test_error_handling")]
    public static string ErrorHandling() => throw new InvalidOperationException("This tool intentionally returns an error for testing");

    /// <summary>Asks the client's model to answer a prompt.</summary>
    /// <param name="prompt">What to ask the model.</param>
    [McpTool("test_sampling")]
    public static async Task<string> Sampling(string prompt, McpContext context)
    {
        var answer = await context.SampleAsync([PromptMessage.User(prompt)], maxTokens: 100);
        return "LLM response: " + answer.Text;
    }

    /// <summary>Asks the user for a user name and an e-mail address.</summary>
    /// <param name="message">What to tell the user.</param>
    [McpTool("test_elicitation")]
    public static async Task<string> Elicitation(string message, McpContext context)
    {
        var answer = await context.ElicitAsync(message, """
            {"type":"object","properties":{
              "username":{"type":"string","description":"User's response"},
              "email":{"type":"string","description":"User's email address"}},
             "required":["username","email"]}
            """);
        return $"User response: action={answer.Action.ToString().ToLowerInvariant()}, content={answer.Content?.GetRawText() ?? "{}"}";
    }

    /// <summary>Asks for a form whose every field has a default (SEP-1034).</summary>
    [McpTool("test_elicitation_sep1034_defaults")]
    public static async Task<string> ElicitationDefaults(McpContext context)
    {
        var answer = await context.ElicitAsync("Please review and update the form fields with defaults", """
            {"type":"object","properties":{
              "name":{"type":"string","description":"User name","default":"John Doe"},
              "age":{"type":"integer","description":"User age","default":30},
              "score":{"type":"number","description":"User score","default":95.5},
              "status":{"type":"string","description":"User status","enum":["active","inactive","pending"],"default":"active"},
              "verified":{"type":"boolean","description":"Verification status","default":true}},
             "required":[]}
            """);
        return $"Elicitation completed: action={answer.Action.ToString().ToLowerInvariant()}, content={answer.Content?.GetRawText() ?? "{}"}";
    }

    /// <summary>Asks for a form with each enum shape of SEP-1330.</summary>
    [McpTool("test_elicitation_sep1330_enums")]
    public static async Task<string> ElicitationEnums(McpContext context)
    {
        var answer = await context.ElicitAsync("Please select options from the enum fields", """
            {"type":"object","properties":{
              "untitledSingle":{"type":"string","description":"Select one option","enum":["option1","option2","option3"]},
              "titledSingle":{"type":"string","description":"Select one option with titles","oneOf":[
                {"const":"value1","title":"First Option"},{"const":"value2","title":"Second Option"},{"const":"value3","title":"Third Option"}]},
              "legacyEnum":{"type":"string","description":"Select one option (legacy)","enum":["opt1","opt2","opt3"],
                "enumNames":["Option One","Option Two","Option Three"]},
              "untitledMulti":{"type":"array","description":"Select multiple options","minItems":1,"maxItems":3,
                "items":{"type":"string","enum":["option1","option2","option3"]}},
              "titledMulti":{"type":"array","description":"Select multiple options with titles","minItems":1,"maxItems":3,
                "items":{"anyOf":[{"const":"value1","title":"First Choice"},{"const":"value2","title":"Second Choice"},{"const":"value3","title":"Third Choice"}]}}},
             "required":[]}
            """);
        return $"Elicitation completed: action={answer.Action.ToString().ToLowerInvariant()}, content={answer.Content?.GetRawText() ?? "{}"}";
    }

    /// <summary>
    /// A tool whose input schema uses JSON Schema 2020-12 beyond what parameters express: <c>$schema</c>, <c>$defs</c> with an
    /// <c>$anchor</c>, <c>$ref</c>, <c>allOf</c>/<c>anyOf</c>, and <c>if</c>/<c>then</c>/<c>else</c>, all listed as written.
    /// </summary>
    /// <param name="name">A name.</param>
    /// <param name="address">Where to write.</param>
    /// <param name="contactMethod">How to reach the person: phone or email.</param>
    /// <param name="phone">A phone number.</param>
    /// <param name="email">An e-mail address.</param>
    [McpTool("json_schema_2020_12_tool", InputSchema = """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
         "$defs":{"address":{"$anchor":"addressDef","type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}}}},
         "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"},
           "contactMethod":{"type":"string","enum":["phone","email"]},"phone":{"type":"string"},"email":{"type":"string"}},
         "allOf":[{"anyOf":[{"required":["phone"]},{"required":["email"]}]}],
         "if":{"properties":{"contactMethod":{"const":"phone"}},"required":["contactMethod"]},
         "then":{"required":["phone"]},
         "else":{"required":["email"]},
         "additionalProperties":false}
        """)]
    public static string JsonSchema202012(string? name = null, PostalAddress? address = null, string? contactMethod = null, string? phone = null, string? email = null) =>
        "Hello, " + (name ?? "anonymous") + (address is null ? "" : " of " + address.City) + " (" + (contactMethod == "phone" ? phone : email) + ")";

    /// <summary>
    /// Ends its Streamable HTTP stream mid-call and finishes later (SSE polling, SEP-1699): the client reconnects with
    /// Last-Event-ID and gets the result.
    /// </summary>
    [McpTool("test_reconnection")]
    public static async Task<string> Reconnection(McpContext context)
    {
        await Task.Yield();
        var closed = context.CloseSseStream();
        await Task.Delay(200, context.CancellationToken);
        return "Reconnection test completed successfully" + (closed ? " after the stream was closed" : " (the transport keeps one stream)");
    }
}

/// <summary>A postal address, as <c>json_schema_2020_12_tool</c>'s schema describes it.</summary>
/// <param name="Street">The street and number.</param>
/// <param name="City">The city.</param>
public sealed record PostalAddress(string? Street = null, string? City = null);

/// <summary>The test assets the conformance suite's reference server uses.</summary>
internal static class Assets
{
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    public static readonly byte[] Wav = Convert.FromBase64String("UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=");
}
