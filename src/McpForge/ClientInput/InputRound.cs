using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;

namespace McpForge.ClientInput;

/// <summary>
/// One round of a 2026-07-28 request that may ask the client for input (multi round-trip requests): the answers it
/// brings (from the sealed state of earlier rounds and this retry's <c>inputResponses</c>), and what the handler asks
/// that is not answered yet. The server never sends a modern client a request: a handler's first unanswered ask ends
/// its run, and the request is answered <c>input_required</c> with every ask of the run; the client's retry runs the
/// handler again, and each ask already answered returns its answer at once.
/// </summary>
internal sealed class InputRound
{
    private readonly object _gate = new();
    private readonly Dictionary<string, JsonElement> _answers;
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private List<KeyValuePair<string, McpInputRequest>>? _asked;

    public InputRound(Dictionary<string, JsonElement> answers, string? handlerState)
    {
        _answers = answers;
        HandlerState = handlerState;
        Responses = new McpInputResponses(answers);
    }

    /// <summary>A first round: nothing answered yet.</summary>
    public static InputRound First() => new(new Dictionary<string, JsonElement>(StringComparer.Ordinal), null);

    /// <summary>Every answer so far (what the handler reads through <see cref="McpContext.InputResponses"/>).</summary>
    public McpInputResponses Responses { get; }

    /// <summary>The handler's own state from the previous round.</summary>
    public string? HandlerState { get; }

    /// <summary>The state the handler carries to the next round (its <see cref="McpInputRequiredException"/>).</summary>
    public string? NextHandlerState { get; private set; }

    /// <summary>An answer of the wrong shape: the request gets -32602 with this.</summary>
    public string? BadAnswer { get; private set; }

    /// <summary>An ask the client did not declare the capability for: the request gets -32021 naming it.</summary>
    public McpInputRequest? Undeclared { get; private set; }

    /// <summary>True when the handler asked something not answered yet: the request is answered <c>input_required</c>.</summary>
    public bool NeedsInput
    {
        get
        {
            lock (_gate) return _asked is { Count: > 0 } || NextHandlerState is not null;
        }
    }

    /// <summary>What the handler asked and is not answered, in the order asked.</summary>
    public List<KeyValuePair<string, McpInputRequest>> Unanswered
    {
        get
        {
            lock (_gate) return _asked is null ? [] : [.. _asked];
        }
    }

    /// <summary>Every answer so far, to seal for the next round.</summary>
    public IReadOnlyDictionary<string, JsonElement> Answers => _answers;

    /// <summary>The key of an ask the handler did not name: its method and its place among the run's asks of that method.</summary>
    public string NextKey(string method)
    {
        var kind = method switch
        {
            "elicitation/create" => "elicitation",
            "sampling/createMessage" => "sampling",
            "roots/list" => "roots",
            _ => "input",
        };
        lock (_gate)
        {
            _ordinals.TryGetValue(kind, out var count);
            _ordinals[kind] = ++count;
            return kind + "-" + count.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// The answer to <paramref name="request"/> under <paramref name="key"/> when this round has it; otherwise the ask is
    /// recorded and the returned task fails with <see cref="McpInputRequiredException"/>, ending the handler's run.
    /// </summary>
    public Task<JsonElement> AskAsync(string key, McpInputRequest request, McpForge.Eras.ClientProfile client)
    {
        lock (_gate)
        {
            if (_answers.TryGetValue(key, out var answer))
            {
                if (ClientAnswers.Problem(request.Method, answer) is not { } problem) return Task.FromResult(answer);
                BadAnswer ??= $"inputResponses[\"{key}\"] {problem}.";
                return Task.FromException<JsonElement>(new McpClientException(0, BadAnswer));
            }
            if ((client.Capabilities & request.Requires) != request.Requires)
            {
                Undeclared ??= request;
                return Task.FromException<JsonElement>(new McpMissingClientCapabilityException(request));
            }
            (_asked ??= []).Add(new(key, request));
        }
        return Task.FromException<JsonElement>(new McpInputRequiredException(new Dictionary<string, McpInputRequest> { [key] = request }));
    }

    /// <summary>The handler threw <see cref="McpInputRequiredException"/> itself: its asks and its state go to the client.</summary>
    public bool TakeExplicit(McpInputRequiredException required, McpForge.Eras.ClientProfile client)
    {
        lock (_gate)
        {
            foreach (var (key, request) in required.Requests)
            {
                if (_asked?.Exists(a => a.Key == key) == true) continue; // the push API's own signal, already recorded
                if ((client.Capabilities & request.Requires) != request.Requires)
                {
                    Undeclared ??= request;
                    return false;
                }
                (_asked ??= []).Add(new(key, request));
            }
            if (required.RequestState is not null) NextHandlerState = required.RequestState;
            return true;
        }
    }
}
