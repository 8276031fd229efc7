using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Server;

namespace McpForge.ClientInput;

/// <summary>
/// How a handler's questions to the client travel, by era: in a 2025-11-25 session each is a request to the client,
/// answered (or refused, or timed out) while the handler waits; on a 2026-07-28 request each is answered from the
/// request's round or ends the handler's run with an <c>input_required</c> result (<see cref="InputRound"/>). The
/// handler's code is the same for both. A capability the client did not declare fails the ask at once.
/// </summary>
internal static class ClientAsks
{
    /// <summary>Asks <paramref name="request"/> under <paramref name="key"/> (null: a key of the run's own) and returns the client's result.</summary>
    public static Task<JsonElement> AskAsync(McpCall call, string? key, McpInputRequest request, TimeSpan timeout)
    {
        if (call.Client.IsModern)
        {
            var round = call.Input ??= InputRound.First();
            return round.AskAsync(key ?? round.NextKey(request.Method), request, call.Client);
        }
        try
        {
            request.EnsureDeclared(call.Client.Capabilities);
        }
        catch (McpMissingClientCapabilityException ex)
        {
            return Task.FromException<JsonElement>(ex);
        }
        // A 2025-11-25 task's ask goes through the task: input_required meanwhile, the related-task key on the request.
        if (call.Connection.Sink is Tasks.TaskRun run) return run.AskLegacyAsync(call, request, timeout);
        var session = call.Connection.Legacy!;
        return session.ClientRequests.SendAsync(request.Method, call.RequestId, request, static (w, r) => w.WriteRawValue(r.LegacyParams, skipInputValidation: true),
            timeout, call.CancellationToken);
    }

    /// <summary>
    /// Asks several things at once: all in one <c>input_required</c> round on a modern request, all sent together in a
    /// session. Returns every answer by key.
    /// </summary>
    public static async Task<McpInputResponses> AskAllAsync(McpCall call, IReadOnlyDictionary<string, McpInputRequest> requests, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var asks = new List<(string Key, Task<JsonElement> Answer)>(requests.Count);
        foreach (var (key, request) in requests)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(request);
            asks.Add((key, AskAsync(call, key, request, timeout)));
        }
        var answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        Exception? first = null;
        foreach (var (key, answer) in asks)
        {
            try
            {
                answers[key] = await answer.ConfigureAwait(false);
            }
            catch (Exception ex) when (first is null)
            {
                first = ex; // every ask was made before the first failure is thrown, so a modern round carries them all
            }
        }
        if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        return new McpInputResponses(answers);
    }
}
