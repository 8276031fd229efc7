namespace McpForge.AspNetCore.ScaleOut;

/// <summary>How <see cref="IMcpSessionForwarder.ForwardAsync"/> went.</summary>
public enum McpForwardResult
{
    /// <summary>The owner answered, and its answer was copied to the client.</summary>
    Forwarded,
    /// <summary>Nothing listens at the owner's address (its connection was refused): it died or stopped.</summary>
    OwnerGone,
    /// <summary>
    /// The owner answered that it no longer serves the session (it is stopping, or lost its lease): nothing was written
    /// to the response; the session is looked up again.
    /// </summary>
    HandedBack,
    /// <summary>The owner could not be reached for another reason (a timeout, a reset): the client is told to retry.</summary>
    Failed,
}
