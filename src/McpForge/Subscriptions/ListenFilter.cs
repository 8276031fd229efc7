using System;
using System.Collections.Generic;
using System.Text.Json;

namespace McpForge.Subscriptions;

/// <summary>
/// What a <c>subscriptions/listen</c> stream asked for (<c>SubscriptionFilter</c>), and then what the server agreed to
/// honour: list changes of the kinds it has, and updates of the URIs it can read for this caller.
/// </summary>
internal sealed class ListenFilter
{
    public bool ToolsListChanged { get; init; }

    public bool PromptsListChanged { get; init; }

    public bool ResourcesListChanged { get; init; }

    /// <summary>The URIs whose <c>notifications/resources/updated</c> the stream gets (exact strings).</summary>
    public IReadOnlyList<string> ResourceSubscriptions { get; init; } = [];

    /// <summary>True when nothing is asked: such a stream would never carry anything.</summary>
    public bool IsEmpty => !ToolsListChanged && !PromptsListChanged && !ResourcesListChanged && ResourceSubscriptions.Count == 0;

    /// <summary>Reads the <c>notifications</c> member of the listen params; false, with why, when it is not a filter.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out ListenFilter filter, out string problem)
    {
        filter = new ListenFilter();
        problem = "";
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            problem = "subscriptions/listen \"notifications\" must be an object (a SubscriptionFilter).";
            return false;
        }
        bool tools = false, prompts = false, resources = false;
        var uris = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "toolsListChanged" or "promptsListChanged" or "resourcesListChanged":
                    if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    {
                        problem = $"subscriptions/listen \"notifications.{name}\" must be a boolean.";
                        return false;
                    }
                    var on = reader.TokenType == JsonTokenType.True;
                    if (name == "toolsListChanged") tools = on;
                    else if (name == "promptsListChanged") prompts = on;
                    else resources = on;
                    break;
                case "resourceSubscriptions":
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        problem = "subscriptions/listen \"notifications.resourceSubscriptions\" must be an array of URIs.";
                        return false;
                    }
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.String)
                        {
                            problem = "subscriptions/listen \"notifications.resourceSubscriptions\" must hold strings (URIs).";
                            return false;
                        }
                        uris.Add(reader.GetString()!);
                    }
                    break;
                default:
                    reader.Skip(); // a filter field of a later revision: not honoured, so left out of the acknowledgment
                    break;
            }
        }
        filter = new ListenFilter { ToolsListChanged = tools, PromptsListChanged = prompts, ResourcesListChanged = resources, ResourceSubscriptions = uris };
        return true;
    }

    /// <summary>True when the stream gets <paramref name="event"/>.</summary>
    public bool Matches(in McpServerEvent @event) => @event.Kind switch
    {
        McpServerEventKind.ToolsListChanged => ToolsListChanged,
        McpServerEventKind.PromptsListChanged => PromptsListChanged,
        McpServerEventKind.ResourcesListChanged => ResourcesListChanged,
        McpServerEventKind.ResourceUpdated => @event.Uri is { } uri && Contains(uri),
        _ => false,
    };

    private bool Contains(string uri)
    {
        foreach (var subscribed in ResourceSubscriptions)
        {
            if (string.Equals(subscribed, uri, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Writes the filter as the acknowledgment's <c>notifications</c> (only what is honoured).</summary>
    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject("notifications"u8);
        if (ToolsListChanged) w.WriteBoolean("toolsListChanged"u8, true);
        if (PromptsListChanged) w.WriteBoolean("promptsListChanged"u8, true);
        if (ResourcesListChanged) w.WriteBoolean("resourcesListChanged"u8, true);
        if (ResourceSubscriptions.Count > 0)
        {
            w.WriteStartArray("resourceSubscriptions"u8);
            foreach (var uri in ResourceSubscriptions) w.WriteStringValue(uri);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
