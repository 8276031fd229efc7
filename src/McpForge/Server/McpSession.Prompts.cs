using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.JsonRpc;
using McpForge.Prompts;

namespace McpForge.Server;

internal sealed partial class McpSession
{
    private void HandlePromptsGet(RequestId id, ReadOnlySpan<byte> @params, McpCaller caller)
    {
        if (!TryReadNamedCall(id, @params, "prompts/get", "prompt", Server.Prompts, out var prompt, out var arguments, out _))
        {
            return;
        }
        if (!caller.IsAllowed(prompt!.Authorization))
        {
            SendForbidden(id, caller, prompt, "prompt");
            return;
        }

        var call = new McpPromptCall(this, prompt, id, CancellationToken.None) { User = caller.User };
        HoldResponseSlot();
        ValueTask pending;
        try
        {
            pending = prompt!.Invoker(call, arguments);
        }
        catch (Exception ex)
        {
            FinishPrompt(call, ex);
            return;
        }
        Settle(call, pending, FinishPrompt);
    }

    /// <summary>
    /// Sends the one response of a prompt: its messages, -32602 with <c>data.errors</c> for bad arguments (prompts
    /// have no error result, unlike tools), or -32603 when the method threw.
    /// </summary>
    private void FinishPrompt(McpPromptCall call, Exception? failure)
    {
        try
        {
            if (failure is ResponseTooLargeException tooLarge)
            {
                SendResponseTooLarge(call.RequestId, $"prompt '{call.Prompt.Name}'", tooLarge.Limit);
            }
            else if (failure is not null)
            {
                call.ReleaseResult();
                LogException($"prompt '{call.Prompt.Name}'", failure);
                SendError(call.RequestId, JsonRpcErrorCode.InternalError, $"Prompt '{call.Prompt.Name}' failed: {failure.Message}");
            }
            else if (call.HasArgumentErrors)
            {
                SendInvalidArguments(call, $"Invalid arguments for prompt '{call.Prompt.Name}':");
            }
            else if (call.ResultBuffer is { } result)
            {
                SendResult(call, result, $"prompt '{call.Prompt.Name}'");
            }
            else
            {
                SendError(call.RequestId, JsonRpcErrorCode.InternalError, $"Prompt '{call.Prompt.Name}' completed without writing a result.");
            }
        }
        finally
        {
            call.ReleaseResult();
            ReleaseResponseSlot();
            WarnIfSlow(call, "prompts/get", call.Prompt.Name);
        }
    }
}
