using McpForge.Completions;
using McpForge.Prompts;
using McpForge.Resources;
using McpForge.Subscriptions;
using McpForge.Tools;
using McpForge.Transports;

namespace McpForge.Dispatch;

/// <summary>
/// Routes a request to its method's handler. Both eras arrive here, already checked for their era and for the
/// server's capabilities: a handler learns which era it serves from <see cref="IncomingRequest.Client"/> and differs
/// only where the protocol does (error codes, 2026-07-28 result fields, how a handler asks the client for input).
/// </summary>
internal static class RequestDispatcher
{
    public static void Dispatch(in IncomingRequest request)
    {
        var server = request.Server;
        switch (request.Method)
        {
            case McpMethod.ToolsCall:
                ToolCallHandler.Handle(request);
                return;
            case McpMethod.ToolsList:
                ListHandler.Handle(request, server.Tools.All, ListHandler.Tools);
                return;
            case McpMethod.PromptsGet:
                PromptGetHandler.Handle(request);
                return;
            case McpMethod.PromptsList:
                ListHandler.Handle(request, server.Prompts.All, ListHandler.Prompts);
                return;
            case McpMethod.ResourcesRead:
                ResourceReadHandler.Handle(request);
                return;
            case McpMethod.ResourcesList:
                ListHandler.Handle(request, server.Resources.Resources, ListHandler.Resources);
                return;
            case McpMethod.ResourcesTemplatesList:
                ListHandler.Handle(request, server.Resources.Templates, ListHandler.ResourceTemplates);
                return;
            case McpMethod.CompletionComplete:
                CompletionHandler.Handle(request);
                return;
            case McpMethod.ServerDiscover:
                DiscoverHandler.Handle(request);
                return;
            case McpMethod.SubscriptionsListen:
                ListenHandler.Handle(request);
                return;
            case McpMethod.TasksGet or McpMethod.TasksResult or McpMethod.TasksList or McpMethod.TasksCancel or McpMethod.TasksUpdate:
                Tasks.TasksHandler.Handle(request);
                return;
            default:
                request.Respond.MethodNotFound(request.Id, MethodTable.Name(request.Method));
                return;
        }
    }
}
