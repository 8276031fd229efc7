using System.Diagnostics.CodeAnalysis;

namespace McpForge.Transports;

/// <summary>
/// The methods the server knows, of both protocol eras (<see cref="JsonRpcEnvelope.Method"/>): a transport routes on them
/// without comparing names. The server decides which era serves each; a name it does not know is <see cref="Unknown"/>.
/// </summary>
[Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
public enum McpMethod
{
    /// <summary>A method this server does not implement (its name is kept for the error).</summary>
    /// <summary><c>unknown</c></summary>
    Unknown,
    /// <summary><c>initialize</c></summary>
    Initialize,
    /// <summary><c>ping</c></summary>
    Ping,
    /// <summary><c>server/discover</c></summary>
    ServerDiscover,
    /// <summary><c>tools/list</c></summary>
    ToolsList,
    /// <summary><c>tools/call</c></summary>
    ToolsCall,
    /// <summary><c>prompts/list</c></summary>
    PromptsList,
    /// <summary><c>prompts/get</c></summary>
    PromptsGet,
    /// <summary><c>resources/list</c></summary>
    ResourcesList,
    /// <summary><c>resources/templates/list</c></summary>
    ResourcesTemplatesList,
    /// <summary><c>resources/read</c></summary>
    ResourcesRead,
    /// <summary><c>resources/subscribe</c></summary>
    ResourcesSubscribe,
    /// <summary><c>resources/unsubscribe</c></summary>
    ResourcesUnsubscribe,
    /// <summary><c>subscriptions/listen</c></summary>
    SubscriptionsListen,
    /// <summary><c>completion/complete</c></summary>
    CompletionComplete,
    /// <summary><c>logging/setLevel</c></summary>
    LoggingSetLevel,
    /// <summary><c>notifications/initialized</c></summary>
    NotificationsInitialized,
    /// <summary><c>notifications/cancelled</c></summary>
    NotificationsCancelled,
    /// <summary><c>tasks/get</c></summary>
    TasksGet,
    /// <summary><c>tasks/result</c></summary>
    TasksResult,
    /// <summary><c>tasks/list</c></summary>
    TasksList,
    /// <summary><c>tasks/cancel</c></summary>
    TasksCancel,
    /// <summary><c>tasks/update</c></summary>
    TasksUpdate,
}
