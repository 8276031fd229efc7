using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using McpForge.Protocol;

namespace McpForge.Tests.Fixtures;

/// <summary>Prompts with every argument and return shape.</summary>
public sealed partial class WritingPrompts
{
    /// <summary>Asks for a code review.</summary>
    /// <param name="code">The code to review.</param>
    /// <param name="language">Its language.</param>
    [McpPrompt("code_review", Title = "Code review")]
    public static string CodeReview(string code, string language = "C#") => $"Review this {language} code:\n{code}";

    /// <summary>Summarises at a length.</summary>
    [McpPrompt]
    public static IEnumerable<PromptMessage> Summarize(string text, int words, Colour tone, bool bullets = false, DateOnly? asOf = null) =>
    [
        PromptMessage.User($"Summarise in {words} words, {tone} tone, bullets={bullets}, as of {asOf?.ToString("O") ?? "today"}:"),
        PromptMessage.User(text),
        PromptMessage.Assistant("Here is the summary."),
    ];

    /// <summary>Shows every content kind.</summary>
    [McpPrompt("rich")]
    public static GetPromptResult Rich() => new()
    {
        Description = "rich content",
        Messages =
        [
            new PromptMessage(Role.User, new ImageContent(new byte[] { 1 }, "image/png")),
            new PromptMessage(Role.User, new AudioContent(new byte[] { 2 }, "audio/wav")),
            new PromptMessage(Role.User, new EmbeddedResource(new TextResourceContents("docs://a", "A", "text/plain"))),
        ],
    };

    /// <summary>Renders later.</summary>
    [McpPrompt("later")]
    public static async Task<PromptMessage> LaterAsync(string topic)
    {
        await Task.Yield();
        return PromptMessage.User("About " + topic);
    }

    /// <summary>Languages a review may be for, filtered by what was typed, narrowed by the code when it is known.</summary>
    [McpCompletion("code_review", "language")]
    public static IEnumerable<string> Languages(string value, IReadOnlyDictionary<string, string> context)
    {
        string[] all = context.TryGetValue("code", out var code) && code.Contains("fn ") ? ["Rust"] : ["C#", "C++", "Clojure", "Go", "Rust"];
        return Array.FindAll(all, l => l.StartsWith(value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Many topics, to show paging of suggestions.</summary>
    [McpCompletion("later", "topic")]
    public static async Task<List<string>> Topics(string value)
    {
        await Task.Yield();
        var topics = new List<string>();
        for (var i = 0; i < 150; i++) topics.Add(value + i);
        return topics;
    }

    /// <summary>Always fails.</summary>
    [McpPrompt("broken")]
    public static string Broken() => throw new InvalidOperationException("template missing");
}
