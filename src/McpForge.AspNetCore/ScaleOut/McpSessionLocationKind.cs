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
}
