using McpForge.Eras;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Transports;

namespace McpForge.Tools;

/// <summary>One <c>tools/call</c> in progress, as generated invokers see it: an <see cref="McpCall"/> of a tool, with a deadline.</summary>
public sealed class McpToolCall : McpCall
{
    internal McpToolCall(McpConnection connection, ClientProfile client, McpCaller caller, McpTool tool, RequestId requestId, RequestId progressToken)
        : base(connection, client, caller, requestId, progressToken)
    {
        Tool = tool;
        var options = connection.Server.Options;
        RejectUnknownProperties = options.RejectUnknownArguments;
        AbsentNullableIsNull = options.SchemaStyle == SchemaStyle.LlmFriendly;
    }

    /// <summary>The tool being called.</summary>
    public McpTool Tool { get; }

    internal override string Subject => "tools/call " + Tool.Name;

    internal override string LoggerName => Tool.Name;

    /// <summary>When the call times out (<see cref="ToolDeadlines"/> ticks), and its place in the server's list of deadlines (-1: none).</summary>
    internal long Deadline;
    internal int DeadlineIndex = -1;

    private protected override void OnCancelled() => Connection.Server.Deadlines.Remove(this);

    internal override void OnCompleted() => Connection.Server.Deadlines.Remove(this);

    internal override System.Threading.Tasks.ValueTask InvokeHandler(System.ReadOnlySpan<byte> arguments) => Tool.Invoker(this, arguments);

    internal override void RespondOutcome(System.Exception? failure) => ToolCallHandler.RespondOutcome(this, failure);

    internal override ClientInput.StateBinding StateBinding() =>
        ClientInput.InputRoundReader.Binding("tools/call", Tool.Name, ClientInput.ArgumentsDigest.Of(KeptArguments), Caller);
}
