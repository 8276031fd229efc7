using System;
using System.Collections.Generic;
using System.Globalization;
using McpForge.Dispatch;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Tools;

namespace McpForge.ClientInput;

/// <summary>
/// How a 2026-07-28 call that asked the client for input ends (multi round-trip requests, MCP 2026-07-28): an answer of
/// the wrong shape is -32602, an ask the client did not declare the capability for is -32021 naming it, and asks not
/// answered yet are an <c>input_required</c> result carrying them with the sealed state of the round. Whatever the
/// handler did after its first unanswered ask (caught the signal, returned a result) does not change that.
/// </summary>
internal static class InputRequiredResponse
{
    /// <summary>Answers the call as a round of input when it is one; false leaves it to the kind's own response.</summary>
    // Most calls end answered with nothing asked: that test is inlined into the caller, and only a call that failed or
    // asked pays for the frame of the rest (about 35 instructions a 2026-07-28 call, bench/Eras/count_instructions.py).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TryRespond(McpCall call, Exception? failure) => (failure is not null || call.Input is not null) && TryRespondToRound(call, failure);

    private static bool TryRespondToRound(McpCall call, Exception? failure)
    {
        var respond = call.Connection.Responder;
        var round = call.Input;
        if (round?.BadAnswer is { } bad)
        {
            respond.Error(call.RequestId, JsonRpcErrorCode.InvalidParams, bad);
            return true;
        }
        var undeclared = round?.Undeclared ?? (failure as McpMissingClientCapabilityException)?.Request;
        if (undeclared is null)
        {
            switch (failure)
            {
                case McpInputRequiredException required:
                    round = call.Input ??= InputRound.First();
                    if (!round.TakeExplicit(required, call.Client)) undeclared = round.Undeclared;
                    break;
                case UrlElicitationRequiredException url:
                    // 2025-11-25's -32042 does not exist any more: the URLs are asked like any other input.
                    round = call.Input ??= InputRound.First();
                    var requests = new Dictionary<string, McpInputRequest>(StringComparer.Ordinal);
                    for (var i = 0; i < url.Elicitations.Count; i++)
                    {
                        requests["url-elicitation-" + (i + 1).ToString(CultureInfo.InvariantCulture)] = McpInputRequest.ElicitUrl(url.Elicitations[i]);
                    }
                    if (!round.TakeExplicit(new McpInputRequiredException(requests), call.Client)) undeclared = round.Undeclared;
                    break;
            }
        }
        if (undeclared is not null)
        {
            respond.Error(call.RequestId, JsonRpcErrorCode.MissingRequiredClientCapability,
                $"Serving this request needs the client's '{undeclared.CapabilityName}' capability, which the request does not declare.",
                undeclared, static (w, r) =>
                {
                    w.WritePropertyName("requiredCapabilities"u8);
                    r.WriteRequiredCapabilities(w);
                });
            return true;
        }
        if (round is not { NeedsInput: true }) return false;

        var asked = round.Unanswered;
        var methods = new List<KeyValuePair<string, string>>(asked.Count);
        foreach (var (key, request) in asked) methods.Add(new(key, request.Method));
        var state = RequestStateSeal.Seal(call.Connection.Server, call.StateBinding(), round.Answers, methods, round.NextHandlerState);
        respond.Result(call.RequestId, call.Client, ResultFields.InputRequired, (asked, state), static (w, s) =>
        {
            if (s.asked.Count > 0)
            {
                w.WriteStartObject("inputRequests"u8);
                foreach (var (key, request) in s.asked)
                {
                    w.WriteStartObject(key);
                    w.WriteString("method"u8, request.Method);
                    w.WritePropertyName("params"u8);
                    w.WriteRawValue(request.Params, skipInputValidation: true);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteString("requestState"u8, s.state);
        });
        return true;
    }
}
