namespace McpForge.AspNetCore.ScaleOut;

/// <summary>What <see cref="IMcpSessionDirectory.LocateAsync"/> knows of a session.</summary>
public enum McpSessionLocationKind
{
    /// <summary>No such session.</summary>
    Unknown,
    /// <summary>Owned by an instance whose lease is alive (possibly this one): its requests go there.</summary>
    Live,
    /// <summary>Its owner's lease is gone (it died or drained): the instance the next request reaches takes it over.</summary>
    Orphaned,
    /// <summary>
    /// No record of the session, and the store does not hold the asking instance's lease either: the store lost its
    /// data (Redis restarted without persistence) or this instance was cut off from it for longer than its lease. The
    /// session's owner may write it back shortly, so the client is told to retry (503), not that the session is gone.
    /// </summary>
    StoreReset,
}
