using System;
using System.Collections.Generic;
using System.Text.Json;
using McpForge.Server;
using McpForge.Transports;

namespace McpForge.ClientInput;

/// <summary>
/// Reads the round a 2026-07-28 retry is in from its <c>inputResponses</c> and <c>requestState</c>: the sealed answers of
/// earlier rounds, plus this round's answers to what the last round asked, each checked against what it answers.
/// Unknown keys are ignored, as the spec asks; an answer of the wrong shape, a malformed <c>inputResponses</c> and a
/// state that does not open for this request are -32602.
/// </summary>
internal static class InputRoundReader
{
    public static bool TryRead(McpServer server, in StateBinding binding, ReadOnlySpan<byte> inputResponses, bool hasInputResponses,
        string? requestState, out InputRound? round, out string problem)
    {
        round = null;
        problem = "";
        OpenedState? opened = null;
        if (requestState is not null && !RequestStateSeal.TryOpen(server, requestState, binding, out opened, out problem)) return false;
        var answers = opened?.Answers ?? new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (hasInputResponses)
        {
            using var document = JsonDocument.Parse(inputResponses.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "\"inputResponses\" must be an object: the client's answers by the keys of the inputRequests it was sent.";
                return false;
            }
            foreach (var response in document.RootElement.EnumerateObject())
            {
                if (opened is null)
                {
                    answers[response.Name] = response.Value.Clone(); // no state: each answer is checked when the handler reads it
                    continue;
                }
                if (!opened.Asked.TryGetValue(response.Name, out var method)) continue; // not asked: ignored
                if (ClientAnswers.Problem(method, response.Value) is { } wrong)
                {
                    problem = $"inputResponses[\"{response.Name}\"] {wrong}.";
                    return false;
                }
                answers[response.Name] = response.Value.Clone();
            }
        }
        round = new InputRound(answers, opened?.HandlerState);
        return true;
    }

    /// <summary>The binding of a request's state: its method, component, the digest of its arguments, its caller.</summary>
    public static StateBinding Binding(string method, string component, byte[] argumentsDigest, McpCaller caller) =>
        new(method, component, argumentsDigest, caller.PrincipalKey);
}
