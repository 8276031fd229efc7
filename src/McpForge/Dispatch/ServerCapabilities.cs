using System.Text.Json;
using McpForge.Eras;

namespace McpForge.Dispatch;

/// <summary>
/// The server's <c>capabilities</c> object, for <c>initialize</c> (legacy) and <c>server/discover</c> (modern): exactly
/// what the server has, so a client is never told of a method that answers -32601, and list changes or resource
/// subscriptions only where something really delivers them.
/// </summary>
internal static class ServerCapabilities
{
    /// <summary>True when the server has what <paramref name="feature"/> names (a method of it exists for clients).</summary>
    public static bool Has(McpServer server, ServerFeature feature) => feature switch
    {
        ServerFeature.Tools => server.ToolCount > 0,
        ServerFeature.Prompts => server.PromptCount > 0,
        ServerFeature.Resources => server.ResourceCount > 0,
        ServerFeature.Completions => server.HasCompletions,
        ServerFeature.Tasks => server.Tasks is not null,
        _ => true,
    };

    /// <summary>
    /// Writes <c>"capabilities": {…}</c>. <paramref name="canNotify"/>: a legacy session can reach its client outside a
    /// request (stateless HTTP cannot); modern clients hear of changes on <c>subscriptions/listen</c> streams, which
    /// every transport carries.
    /// </summary>
    public static void Write(Utf8JsonWriter w, McpServer server, ProtocolEra era, bool canNotify)
    {
        var notifies = era == ProtocolEra.Modern || canNotify;
        w.WriteStartObject("capabilities"u8);
        if (server.HasCompletions)
        {
            w.WriteStartObject("completions"u8);
            w.WriteEndObject();
        }
        w.WriteStartObject("logging"u8);
        w.WriteEndObject();
        if (server.PromptCount > 0)
        {
            w.WriteStartObject("prompts"u8);
            w.WriteBoolean("listChanged"u8, notifies);
            w.WriteEndObject();
        }
        if (server.ResourceCount > 0)
        {
            w.WriteStartObject("resources"u8);
            w.WriteBoolean("subscribe"u8, notifies);
            w.WriteBoolean("listChanged"u8, notifies);
            w.WriteEndObject();
        }
        if (server.ToolCount > 0)
        {
            w.WriteStartObject("tools"u8);
            w.WriteBoolean("listChanged"u8, notifies);
            w.WriteEndObject();
        }
        if (server.Tasks is not null)
        {
            // Never both on one wire (SEP-2663, "Backward Compatibility"): 2025-11-25 has the core capability, 2026-07-28 the extension.
            if (era == ProtocolEra.Modern)
            {
                w.WriteStartObject("extensions"u8);
                w.WriteStartObject(Tasks.TaskHost.ExtensionId);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            else
            {
                w.WriteStartObject("tasks"u8);
                w.WriteStartObject("list"u8);
                w.WriteEndObject();
                w.WriteStartObject("cancel"u8);
                w.WriteEndObject();
                w.WriteStartObject("requests"u8);
                w.WriteStartObject("tools"u8);
                w.WriteStartObject("call"u8);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }
        w.WriteEndObject();
    }
}
