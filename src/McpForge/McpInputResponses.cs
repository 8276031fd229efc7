using System;
using System.Collections.Generic;
using System.Text.Json;
using McpForge.ClientInput;
using McpForge.Protocol;

namespace McpForge;

/// <summary>
/// The client's answers to what a handler asked (<see cref="McpContext.AskAsync"/>, or a previous round's
/// <see cref="McpInputRequiredException"/>), by the keys the handler chose. Read each with the method of its kind.
/// </summary>
public sealed class McpInputResponses
{
    private readonly IReadOnlyDictionary<string, JsonElement> _answers;

    internal McpInputResponses(IReadOnlyDictionary<string, JsonElement> answers) => _answers = answers;

    /// <summary>None.</summary>
    public static McpInputResponses Empty { get; } = new(new Dictionary<string, JsonElement>());

    internal IReadOnlyDictionary<string, JsonElement> Answers => _answers;

    /// <summary>The keys answered.</summary>
    public IEnumerable<string> Keys => _answers.Keys;

    /// <summary>True when <paramref name="key"/> was answered.</summary>
    public bool Contains(string key) => _answers.ContainsKey(key);

    /// <summary>The raw answer of <paramref name="key"/> (the client's result object).</summary>
    public bool TryGetValue(string key, out JsonElement answer) => _answers.TryGetValue(key, out answer);

    /// <summary>The answer to an elicitation; throws <see cref="KeyNotFoundException"/> when it was not answered.</summary>
    public ElicitationResult GetElicitation(string key) => ClientAnswers.Elicitation(Get(key));

    /// <summary>The answer to an elicitation of the form <typeparamref name="T"/>.</summary>
    public ElicitationResult<T> GetElicitation<T>(string key) where T : IMcpElicitationForm<T> => ClientAnswers.Form<T>(GetElicitation(key));

    /// <summary>The answer to a sampling request.</summary>
    public SamplingResult GetSampling(string key) => ClientAnswers.Sampling(Get(key));

    /// <summary>The answer to <c>roots/list</c>.</summary>
    public IReadOnlyList<McpRoot> GetRoots(string key) => ClientAnswers.Roots(Get(key));

    private JsonElement Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _answers.TryGetValue(key, out var answer) ? answer : throw new KeyNotFoundException($"The client did not answer '{key}'.");
    }
}
