using System.Collections.Generic;
using System.Linq;
using McpForge;
using McpForge.Protocol;

namespace Everything;

/// <summary>The resources, template and prompts the conformance suite reads.</summary>
public sealed partial class ConformanceResources
{
    /// <summary>A static text resource.</summary>
    [McpResource("test://static-text", Name = "static_text", MimeType = "text/plain")]
    public static string StaticText() => "This is the content of the static text resource.";

    /// <summary>A static binary resource (a PNG image).</summary>
    [McpResource("test://static-binary", Name = "static_binary", MimeType = "image/png")]
    public static byte[] StaticBinary() => Assets.Png;

    /// <summary>A resource clients can subscribe to.</summary>
    [McpResource("test://watched-resource", Name = "watched_resource", MimeType = "text/plain")]
    public static string Watched() => "Watched resource content";

    /// <summary>Data for an id.</summary>
    [McpResource("test://template/{id}/data", Name = "template_data", MimeType = "application/json")]
    public static string TemplateData(string id) => $$"""{"id":"{{id}}","templateTest":true,"data":"Data for ID: {{id}}"}""";
}

/// <summary>The prompts the conformance suite gets, and completion for their arguments.</summary>
public sealed partial class ConformancePrompts
{
    /// <summary>A prompt without arguments.</summary>
    [McpPrompt("test_simple_prompt")]
    public static string Simple() => "This is a simple prompt for testing.";

    /// <summary>A prompt with two required arguments.</summary>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    [McpPrompt("test_prompt_with_arguments")]
    public static string WithArguments(string arg1, string arg2) => $"Prompt with arguments: arg1='{arg1}', arg2='{arg2}'";

    /// <summary>A prompt that embeds a resource.</summary>
    /// <param name="resourceUri">The URI of the resource to embed.</param>
    [McpPrompt("test_prompt_with_embedded_resource")]
    public static PromptMessage[] WithEmbeddedResource(string resourceUri) =>
    [
        new(Role.User, new EmbeddedResource(new TextResourceContents(resourceUri, "Embedded resource content for testing.", "text/plain"))),
        PromptMessage.User("Please process the embedded resource above."),
    ];

    /// <summary>A prompt with an image.</summary>
    [McpPrompt("test_prompt_with_image")]
    public static PromptMessage[] WithImage() =>
    [
        new(Role.User, new ImageContent(Assets.Png, "image/png")),
        PromptMessage.User("Please analyze the image above."),
    ];

    /// <summary>Suggests values for <c>arg1</c> that start with what was typed.</summary>
    [McpCompletion("test_prompt_with_arguments", "arg1")]
    public static IEnumerable<string> CompleteArg1(string value) =>
        new[] { "paris", "park", "parade", "test", "testing", "value" }.Where(v => v.StartsWith(value, System.StringComparison.OrdinalIgnoreCase));
}
