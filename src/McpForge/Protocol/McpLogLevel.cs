namespace McpForge.Protocol;

/// <summary>Log severities of MCP (<c>notifications/message</c>), the syslog levels of RFC 5424, least severe first.</summary>
public enum McpLogLevel
{
    /// <summary>Detailed debugging information.</summary>
    Debug,
    /// <summary>Informational messages.</summary>
    Info,
    /// <summary>Normal but significant events.</summary>
    Notice,
    /// <summary>Warning conditions.</summary>
    Warning,
    /// <summary>Error conditions.</summary>
    Error,
    /// <summary>Critical conditions.</summary>
    Critical,
    /// <summary>Action must be taken immediately.</summary>
    Alert,
    /// <summary>The system is unusable.</summary>
    Emergency,
}
