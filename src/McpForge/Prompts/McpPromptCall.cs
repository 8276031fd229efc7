using System.Threading;
using McpForge.JsonRpc;
using McpForge.Server;

namespace McpForge.Prompts;

/// <summary>One <c>prompts/get</c> in progress, as generated invokers see it.</summary>
public sealed class McpPromptCall : McpCall
{
    internal McpPromptCall(McpSession session, McpPrompt prompt, RequestId requestId, CancellationToken cancellationToken)
        : base(session, requestId)
    {
        Prompt = prompt;
        CancellationToken = cancellationToken;
    }

    /// <summary>The prompt being rendered.</summary>
    public McpPrompt Prompt { get; }

    /// <summary>Cancelled when the session ends.</summary>
    public CancellationToken CancellationToken { get; }
}
