using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using McpForge.JsonRpc;
using McpForge.Server;

namespace McpForge.Prompts;

/// <summary>One <c>prompts/get</c> in progress, as generated invokers see it.</summary>
public sealed class McpPromptCall
{
    private readonly McpSession _session;
    private List<ArgumentError>? _argumentErrors;
    private MessageBuffer? _result;

    internal McpPromptCall(McpSession session, McpPrompt prompt, RequestId requestId, CancellationToken cancellationToken)
    {
        _session = session;
        Prompt = prompt;
        RequestId = requestId;
        CancellationToken = cancellationToken;
    }

    /// <summary>The prompt being rendered.</summary>
    public McpPrompt Prompt { get; }

    /// <summary>The request's id.</summary>
    public RequestId RequestId { get; }

    /// <summary>Cancelled when the session ends.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _session.Server.Services;

    /// <summary>True once binding found a problem; the method is then not invoked.</summary>
    public bool HasArgumentErrors => _argumentErrors is { Count: > 0 };

    /// <summary>Every problem binding found.</summary>
    public IReadOnlyList<ArgumentError> ArgumentErrors => (IReadOnlyList<ArgumentError>?)_argumentErrors ?? Array.Empty<ArgumentError>();

    /// <summary>Records an argument problem at <paramref name="path"/>.</summary>
    public void AddArgumentError(string path, string message) =>
        (_argumentErrors ??= new List<ArgumentError>()).Add(new ArgumentError(path, message));

    /// <summary>Starts the response and returns the writer for the <c>GetPromptResult</c> object.</summary>
    public Utf8JsonWriter BeginResult()
    {
        if (_result is not null) throw new InvalidOperationException("The result of this call was already started.");
        _result = MessageBuffer.Rent();
        JsonRpcWriter.StartResult(_result.Json, RequestId);
        return _result.Json;
    }

    internal MessageBuffer? ResultBuffer => _result;

    internal void ReleaseResult()
    {
        _result?.Return();
        _result = null;
    }
}
