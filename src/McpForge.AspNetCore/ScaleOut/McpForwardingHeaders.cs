namespace McpForge.AspNetCore.ScaleOut;

/// <summary>Headers the instances of a fleet exchange on forwarded requests (docs/scale-out.md).</summary>
public static class McpForwardingHeaders
{
    /// <summary>
    /// On the owner's 503 to a forwarded request: the owner no longer serves the session (it is stopping, or lost its
    /// lease). An <see cref="IMcpSessionForwarder"/> reports <see cref="McpForwardResult.HandedBack"/> and passes nothing
    /// of that answer to the client; the forwarding instance looks the session up again (and takes it over).
    /// </summary>
    public const string HandedBack = "McpForge-Handed-Back";
}
