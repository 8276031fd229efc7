namespace McpForge.Generators;

/// <summary>The metadata names the generator looks for, in one place.</summary>
internal static class TypeNames
{
    public const string McpToolAttribute = "McpForge.McpToolAttribute";
    public const string McpPromptAttribute = "McpForge.McpPromptAttribute";
    public const string McpResourceAttribute = "McpForge.McpResourceAttribute";
    public const string McpCompletionAttribute = "McpForge.McpCompletionAttribute";
    public const string McpAuthorizeAttribute = "McpForge.McpAuthorizeAttribute";
    public const string ResourceContents = "McpForge.Protocol.ResourceContents";
    public const string PromptMessage = "McpForge.Protocol.PromptMessage";
    public const string GetPromptResult = "McpForge.Protocol.GetPromptResult";
    public const string FromServicesAttribute = "McpForge.FromServicesAttribute";
    public const string McpContext = "McpForge.McpContext";
    public const string ContentBlock = "McpForge.Protocol.ContentBlock";
    public const string CallToolResult = "McpForge.Protocol.CallToolResult";
    public const string DescriptionAttribute = "System.ComponentModel.DescriptionAttribute";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string IServiceProvider = "System.IServiceProvider";
    public const string IAsyncDisposable = "System.IAsyncDisposable";
}
