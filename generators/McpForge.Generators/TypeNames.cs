namespace McpForge.Generators;

/// <summary>The metadata names the generator looks for, in one place.</summary>
internal static class TypeNames
{
    public const string McpToolAttribute = "McpForge.McpToolAttribute";
    public const string McpPromptAttribute = "McpForge.McpPromptAttribute";
    public const string McpResourceAttribute = "McpForge.McpResourceAttribute";
    public const string McpCompletionAttribute = "McpForge.McpCompletionAttribute";
    public const string McpAuthorizeAttribute = "McpForge.McpAuthorizeAttribute";
    public const string McpHeaderAttribute = "McpForge.McpHeaderAttribute";
    public const string McpIconAttribute = "McpForge.McpIconAttribute";
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
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string IServiceProvider = "System.IServiceProvider";
    public const string IAsyncDisposable = "System.IAsyncDisposable";
    public const string McpSerializationAttribute = "McpForge.McpSerializationAttribute";
    public const string McpElicitationFormAttribute = "McpForge.McpElicitationFormAttribute";
    public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";
    public const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
    public const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
    public const string JsonRequiredAttribute = "System.Text.Json.Serialization.JsonRequiredAttribute";
    public const string JsonIncludeAttribute = "System.Text.Json.Serialization.JsonIncludeAttribute";
    public const string JsonConstructorAttribute = "System.Text.Json.Serialization.JsonConstructorAttribute";
    public const string JsonPropertyOrderAttribute = "System.Text.Json.Serialization.JsonPropertyOrderAttribute";
    public const string JsonConverterAttribute = "System.Text.Json.Serialization.JsonConverterAttribute";
    public const string JsonPolymorphicAttribute = "System.Text.Json.Serialization.JsonPolymorphicAttribute";
    public const string JsonDerivedTypeAttribute = "System.Text.Json.Serialization.JsonDerivedTypeAttribute";
    public const string JsonExtensionDataAttribute = "System.Text.Json.Serialization.JsonExtensionDataAttribute";
    public const string JsonUnmappedMemberHandlingAttribute = "System.Text.Json.Serialization.JsonUnmappedMemberHandlingAttribute";
    public const string JsonStringEnumMemberNameAttribute = "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute";
    public const string JsonElement = "System.Text.Json.JsonElement";
    public const string RequiredAttribute = "System.ComponentModel.DataAnnotations.RequiredAttribute";
    public const string DisplayAttribute = "System.ComponentModel.DataAnnotations.DisplayAttribute";
    public const string DisplayNameAttribute = "System.ComponentModel.DisplayNameAttribute";
    public const string DefaultValueAttribute = "System.ComponentModel.DefaultValueAttribute";
}
