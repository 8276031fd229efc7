using McpForge.Eras;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Transports;

namespace McpForge.Prompts;

/// <summary>One <c>prompts/get</c> in progress, as generated invokers see it.</summary>
public sealed class McpPromptCall : McpCall
{
    internal McpPromptCall(McpConnection connection, ClientProfile client, McpCaller caller, McpPrompt prompt, RequestId requestId, RequestId progressToken)
        : base(connection, client, caller, requestId, progressToken)
    {
        Prompt = prompt;
    }

    /// <summary>The prompt being rendered.</summary>
    public McpPrompt Prompt { get; }

    internal override string Subject => "prompts/get " + Prompt.Name;

    internal override string LoggerName => Prompt.Name;

    internal override System.Threading.Tasks.ValueTask InvokeHandler(System.ReadOnlySpan<byte> arguments) => Prompt.Invoker(this, arguments);

    internal override void RespondOutcome(System.Exception? failure) => PromptGetHandler.RespondOutcome(this, failure);

    internal override ClientInput.StateBinding StateBinding() =>
        ClientInput.InputRoundReader.Binding("prompts/get", Prompt.Name, ClientInput.ArgumentsDigest.Of(KeptArguments), Caller);
}
