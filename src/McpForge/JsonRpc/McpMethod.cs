namespace McpForge.JsonRpc;

/// <summary>The methods the server understands, matched from the wire without allocating.</summary>
internal enum McpMethod
{
    /// <summary>A method this server does not implement (its name is kept for the error).</summary>
    Unknown,
    Initialize,
    Ping,
    ToolsList,
    ToolsCall,
    PromptsList,
    PromptsGet,
    ResourcesList,
    ResourcesTemplatesList,
    ResourcesRead,
    CompletionComplete,
    ResourcesSubscribe,
    ResourcesUnsubscribe,
    LoggingSetLevel,
    NotificationsInitialized,
    NotificationsCancelled,
}
