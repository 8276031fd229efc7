namespace McpForge.Generators;

/// <summary>Names of the tracked pipeline steps, asserted by the caching tests.</summary>
internal static class TrackingNames
{
    public const string ToolMethods = nameof(ToolMethods);
    public const string AllToolMethods = nameof(AllToolMethods);
    public const string ToolTypes = nameof(ToolTypes);
    public const string PromptMethods = nameof(PromptMethods);
    public const string AllPromptMethods = nameof(AllPromptMethods);
    public const string PromptTypes = nameof(PromptTypes);
    public const string ResourceMethods = nameof(ResourceMethods);
    public const string AllResourceMethods = nameof(AllResourceMethods);
    public const string ResourceTypes = nameof(ResourceTypes);
    public const string CompletionMethods = nameof(CompletionMethods);
    public const string AllCompletionMethods = nameof(AllCompletionMethods);
    public const string CompletionTypes = nameof(CompletionTypes);
    public const string Registrations = nameof(Registrations);
    public const string Serializers = nameof(Serializers);
    public const string Forms = nameof(Forms);
}
