namespace McpForge.Subscriptions;

/// <summary>What changed on a server, as clients hear of it.</summary>
public enum McpServerEventKind
{
    /// <summary>Tools were added or removed (<c>notifications/tools/list_changed</c>).</summary>
    ToolsListChanged,
    /// <summary>Prompts were added or removed (<c>notifications/prompts/list_changed</c>).</summary>
    PromptsListChanged,
    /// <summary>Resources or templates were added or removed (<c>notifications/resources/list_changed</c>).</summary>
    ResourcesListChanged,
    /// <summary>A resource changed (<c>notifications/resources/updated</c> to those subscribed to its URI).</summary>
    ResourceUpdated,
}

/// <summary>One change clients may be told of: list changes, or an update of the resource at <see cref="Uri"/>.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Uri">The resource that changed (<see cref="McpServerEventKind.ResourceUpdated"/> only).</param>
public readonly record struct McpServerEvent(McpServerEventKind Kind, string? Uri = null);
