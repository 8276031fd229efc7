using McpForge.Eras;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Transports;

namespace McpForge.Resources;

/// <summary>One <c>resources/read</c> in progress, as generated readers see it.</summary>
public sealed class McpResourceCall : McpCall
{
    private readonly McpResourceReader _reader;
    private readonly string?[] _variables;

    internal McpResourceCall(McpConnection connection, ClientProfile client, McpCaller caller, McpComponent resource, McpResourceReader reader,
        string?[] variables, string uri, RequestId requestId, RequestId progressToken)
        : base(connection, client, caller, requestId, progressToken)
    {
        Resource = resource;
        _reader = reader;
        _variables = variables;
        Uri = uri;
    }

    /// <summary>The resource or template being read.</summary>
    internal McpComponent Resource { get; }

    /// <summary>The URI being read.</summary>
    public string Uri { get; }

    internal override string Subject => "resources/read " + Uri;

    internal override string LoggerName => Uri;

    /// <summary>A read's arguments are the URI's template variables, which it keeps itself.</summary>
    internal override System.Threading.Tasks.ValueTask InvokeHandler(System.ReadOnlySpan<byte> arguments) => _reader(this, _variables);

    internal override void RespondOutcome(System.Exception? failure) => ResourceReadHandler.RespondOutcome(this, failure);

    internal override ClientInput.StateBinding StateBinding() =>
        ClientInput.InputRoundReader.Binding("resources/read", Uri, ClientInput.ArgumentsDigest.OfText(Uri), Caller);

    /// <summary>The most bytes a stream or file read may produce (<see cref="McpServerOptions.MaxResourceBytes"/>).</summary>
    internal long MaxResourceBytes => Connection.Server.Options.MaxResourceBytes;
}
