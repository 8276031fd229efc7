using System;
using System.Globalization;
using System.Text.Json;
using McpForge.JsonRpc;
using McpForge.Server;

namespace McpForge.Dispatch;

/// <summary>
/// <c>tools/list</c>, <c>prompts/list</c>, <c>resources/list</c> and <c>resources/templates/list</c>: pages of
/// precomputed list entries, written as they are, in registration order (the same on every call). Each caller sees
/// the components it may use; a 2026-07-28 page carries cache hints that hold for every page of the list.
/// </summary>
internal static class ListHandler
{
    /// <summary>The name of each list's array in its result.</summary>
    public static readonly byte[] Tools = "tools"u8.ToArray(), Prompts = "prompts"u8.ToArray(), Resources = "resources"u8.ToArray(),
        ResourceTemplates = "resourceTemplates"u8.ToArray();

    public static void Handle(in IncomingRequest request, McpComponent[] items, byte[] arrayName)
    {
        var id = request.Id;
        var caller = request.Caller;
        McpComponent[] visible = caller.Checks ? Array.FindAll(items, item => caller.IsAllowed(item.Authorization)) : items;
        var offset = 0;
        if (!request.Params.IsEmpty)
        {
            if (!ParamsReader.TryStart(request.Connection, id, request.Params, out var reader)) return;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCursor = reader.ValueTextEquals("cursor"u8);
                reader.Read();
                if (isCursor && reader.TokenType != JsonTokenType.Null && !TryDecodeCursor(ref reader, visible.Length, out offset))
                {
                    request.Respond.Error(id, JsonRpcErrorCode.InvalidParams, "The cursor is not one this server issued.");
                    return;
                }
                reader.Skip();
            }
        }

        var server = request.Server;
        var end = Math.Min(visible.Length, offset + server.Options.PageSize);
        var fields = request.Client.IsModern ? CacheHintsOf(server, visible, caller.Checks) : ResultFields.Complete;
        // A 2025-11-25 session of a server with tasks on learns which tools may run as tasks (execution.taskSupport).
        var taskSupport = arrayName == Tools && !request.Client.IsModern && server.Tasks is not null;
        request.Respond.Result(id, request.Client, fields, (visible, offset, end, server.Options.SchemaStyle, arrayName, modern: request.Client.IsModern, taskSupport), static (w, page) =>
        {
            w.WriteStartArray(page.arrayName);
            for (var i = page.offset; i < page.end; i++)
            {
                var entry = page.taskSupport && page.visible[i] is Tools.McpTool { TaskSupport: not McpTaskSupport.Forbidden } tool
                    ? tool.ListEntryWithExecution(page.SchemaStyle)
                    : page.visible[i].ListEntryFor(page.SchemaStyle, page.modern);
                w.WriteRawValue(entry, skipInputValidation: true);
            }
            w.WriteEndArray();
            if (page.end < page.visible.Length) w.WriteString("nextCursor"u8, page.end.ToString(CultureInfo.InvariantCulture));
        });
    }

    /// <summary>
    /// A list may be cached as long as its shortest-lived component, and only privately when any component is private
    /// or the list depends on who asks (the transport authenticates callers). Computed over the whole list, so every
    /// page carries the same hints.
    /// </summary>
    private static ResultFields CacheHintsOf(McpServer server, McpComponent[] components, bool perCaller)
    {
        var options = server.Options;
        var ttl = long.MaxValue;
        var scope = perCaller ? McpCacheScope.Private : McpCacheScope.Public;
        foreach (var component in components)
        {
            var hints = component.CacheHints;
            ttl = Math.Min(ttl, (long)(hints?.Ttl ?? options.CacheTtl).TotalMilliseconds);
            if ((hints?.Scope ?? options.CacheScope) == McpCacheScope.Private) scope = McpCacheScope.Private;
        }
        if (components.Length == 0)
        {
            ttl = (long)options.CacheTtl.TotalMilliseconds;
            if (options.CacheScope == McpCacheScope.Private) scope = McpCacheScope.Private;
        }
        return ResultFields.Cacheable(ttl, scope);
    }

    /// <summary>Cursors are the decimal offset of the next page; anything else was not issued by this server.</summary>
    private static bool TryDecodeCursor(ref Utf8JsonReader reader, int count, out int offset)
    {
        offset = 0;
        return reader.TokenType == JsonTokenType.String
            && !reader.ValueIsEscaped
            && int.TryParse(reader.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out offset)
            && offset >= 0 && offset < count;
    }
}
