using System;
using System.Collections.Generic;
using McpForge.Protocol;

namespace McpForge;

/// <summary>
/// Thrown by a tool that cannot go on until the user completes one or more URL-mode elicitations: the call is
/// answered with JSON-RPC error -32042 (<c>URLElicitationRequired</c>, 2025-11-25) whose <c>data.elicitations</c>
/// lists them, so the client can show them and retry the call afterwards.
/// </summary>
public sealed class UrlElicitationRequiredException : Exception
{
    /// <summary>The call needs <paramref name="elicitations"/> to be completed first.</summary>
    public UrlElicitationRequiredException(IReadOnlyList<UrlElicitation> elicitations, string? message = null)
        : base(message ?? "This request requires more information.")
    {
        ArgumentNullException.ThrowIfNull(elicitations);
        if (elicitations.Count == 0) throw new ArgumentException("At least one elicitation is required.", nameof(elicitations));
        Elicitations = elicitations;
    }

    /// <summary>What the user must complete.</summary>
    public IReadOnlyList<UrlElicitation> Elicitations { get; }
}
