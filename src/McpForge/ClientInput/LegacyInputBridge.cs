using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Dispatch;
using McpForge.Server;

namespace McpForge.ClientInput;

/// <summary>
/// Serves a handler written for rounds of input (<see cref="McpInputRequiredException"/>) in a 2025-11-25 session, which
/// has no <c>input_required</c> result: the server sends the client the requests itself, waits for the answers, and runs
/// the handler again with them and its state, up to <see cref="McpServerOptions.MaxInputRounds"/> times. The same
/// handler thus serves both eras.
/// </summary>
internal static class LegacyInputBridge
{
    private static readonly TimeSpan s_roundTimeout = TimeSpan.FromMinutes(10);

    public static void Continue(McpCall call, McpInputRequiredException required) => _ = RunAsync(call, required);

    private static async Task RunAsync(McpCall call, McpInputRequiredException required)
    {
        var limit = call.Connection.Server.Options.MaxInputRounds;
        if (++call.InputRoundsRun > limit)
        {
            CallRunner.Fail(call, new InvalidOperationException(
                $"The handler asked the client for input {limit} times without finishing (McpServerOptions.MaxInputRounds)."));
            return;
        }
        McpInputResponses answers;
        try
        {
            answers = await ClientAsks.AskAllAsync(call, required.Requests, s_roundTimeout).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            CallRunner.Fail(call, ex);
            return;
        }
        call.Input = new InputRound(new Dictionary<string, JsonElement>(answers.Answers, StringComparer.Ordinal), required.RequestState);
        CallRunner.Rerun(call);
    }
}
