namespace McpForge.AspNetCore.ScaleOut;

/// <summary>What <see cref="IMcpSessionForwarder.Check"/> found on a request.</summary>
public enum McpForwardCheck
{
    /// <summary>A request from a client (no forwarding header).</summary>
    Direct,
    /// <summary>Forwarded by another instance of the fleet, signed with the shared key within the allowed clock skew.</summary>
    Authentic,
    /// <summary>Carries a forwarding header whose signature does not hold, or is too old: refused (403).</summary>
    Forged,
    /// <summary>Forwarded by this very instance: a loop, refused (508).</summary>
    Looped,
}
