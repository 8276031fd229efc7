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
    /// <summary><c>elicitation/create</c> in form mode (what <c>"elicitation": {}</c> declares).</summary>
    Elicitation = 4,
    /// <summary><c>elicitation/create</c> in URL mode (<c>"elicitation": {"url": {}}</c>, 2025-11-25).</summary>
    ElicitationUrl = 8,
    /// <summary>Sampling requests may offer tools (<c>"sampling": {"tools": {}}</c>, 2025-11-25).</summary>
    SamplingTools = 16,
    /// <summary>Sampling requests may ask to include context (<c>includeContext</c>; soft-deprecated by MCP).</summary>
    SamplingContext = 32,
    /// <summary>The client sends <c>notifications/roots/list_changed</c>.</summary>
    RootsListChanged = 64,
}
