using System;
using System.Text;
using McpForge.Dispatch;
using McpForge.JsonRpc;
using McpForge.Server;

namespace McpForge.Prompts;

/// <summary>
/// <c>prompts/get</c>: finds the prompt, checks the caller, renders it (<see cref="CallRunner"/>), and answers with its
/// messages; -32602 with <c>data.errors</c> for bad arguments (prompts have no error result, unlike tools), -32603 when
/// the method threw. Both eras alike.
/// </summary>
internal static class PromptGetHandler
{
    public static void Handle(in IncomingRequest request)
    {
        if (!CallParams.TryReadNamed(request, "prompt", request.Server.Prompts, out var read)) return;
        var prompt = (McpPrompt)read.Component!;
        if (!request.Caller.IsAllowed(prompt.Authorization))
        {
            request.Connection.Forbid(request.Id, request.Caller, prompt, "prompt");
            return;
        }
        var call = new McpPromptCall(request.Connection, request.Client, request.Caller, prompt, request.Id, read.ProgressToken);
        if (!CallRunner.TryBeginRound(request, read, call)) return;
        CallRunner.Start(call, read.Arguments);
    }

    public static void RespondOutcome(McpPromptCall call, Exception? failure)
    {
        var respond = call.Connection.Responder;
        var name = call.Prompt.Name;
        if (failure is ResponseTooLargeException tooLarge)
        {
            respond.ResponseTooLarge(call.RequestId, "prompt", name, tooLarge.Limit);
        }
        else if (failure is not null)
        {
            call.ReleaseResult();
            Diagnostics.McpLog.Failed(call.Connection.Server.Logger, $"prompt '{name}'", failure);
            respond.Error(call.RequestId, JsonRpcErrorCode.InternalError, $"Prompt '{name}' failed: {failure.Message}");
        }
        else if (call.HasArgumentErrors)
        {
            RespondInvalidArguments(call, $"Invalid arguments for prompt '{name}':");
        }
        else if (call.ResultBuffer is { } result)
        {
            respond.FinishResult(call, result, ResultFields.Complete, "prompt", name);
        }
        else
        {
            respond.Error(call.RequestId, JsonRpcErrorCode.InternalError, $"Prompt '{name}' completed without writing a result.");
        }
    }

    /// <summary>-32602 whose details list every argument problem after <paramref name="lead"/>, and whose data has them as <c>errors</c>.</summary>
    internal static void RespondInvalidArguments(McpCall call, string lead)
    {
        var details = new StringBuilder(lead);
        foreach (var error in call.ArgumentErrors) details.Append(' ').Append(error.Path).Append(": ").Append(error.Message).Append(';');
        call.Connection.Responder.Error(call.RequestId, JsonRpcErrorCode.InvalidParams, details.ToString().TrimEnd(';') + ".", call.ArgumentErrors,
            static (w, errors) => JsonRpcWriter.WriteArgumentErrors(w, errors));
    }
}
