namespace McpForge.Dispatch;

/// <summary>The methods the server knows, of both protocol eras; <see cref="MethodTable"/> says which era serves each.</summary>
internal enum McpMethod
{
    /// <summary>A method this server does not implement (its name is kept for the error).</summary>
    Unknown,
    Initialize,
    Ping,
    ServerDiscover,
    ToolsList,
    ToolsCall,
    PromptsList,
    PromptsGet,
    ResourcesList,
    ResourcesTemplatesList,
    ResourcesRead,
    ResourcesSubscribe,
    ResourcesUnsubscribe,
    SubscriptionsListen,
    CompletionComplete,
    LoggingSetLevel,
    NotificationsInitialized,
    NotificationsCancelled,
    TasksGet,
    TasksResult,
    TasksList,
    TasksCancel,
    TasksUpdate,
}
