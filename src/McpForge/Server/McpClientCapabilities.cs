using System;

namespace McpForge;

/// <summary>What the client said it can do in <c>initialize</c>: the server may only send it those requests.</summary>
[Flags]
public enum McpClientCapabilities
{
    /// <summary>None declared.</summary>
    None = 0,
    /// <summary><c>roots/list</c>.</summary>
    Roots = 1,
    /// <summary><c>sampling/createMessage</c>.</summary>
    Sampling = 2,
    /// <summary><c>elicitation/create</c>.</summary>
    Elicitation = 4,
}

/// <summary>The client answered a request of the server with a JSON-RPC error.</summary>
public sealed class McpClientException(int code, string message) : Exception(message)
{
    /// <summary>The error's code.</summary>
    public int Code { get; } = code;
}

/// <summary>A root the client exposes (<c>roots/list</c>): a <c>file://</c> URI and an optional name.</summary>
/// <param name="Uri">The root's URI.</param>
/// <param name="Name">A human-readable name, if the client gave one.</param>
public sealed record McpRoot(string Uri, string? Name);
