using System;
using McpForge.Eras;
using McpForge.Protocol;

namespace McpForge.Dispatch;

/// <summary>
/// <c>server/discover</c> (MCP 2026-07-28): the versions served per request, the server's capabilities, its
/// instructions and cache hints; its identity travels in the result's <c>_meta</c> like every modern result's. It
/// creates no state.
/// </summary>
internal static class DiscoverHandler
{
    public static void Handle(in IncomingRequest request)
    {
        var server = request.Server;
        var options = server.Options;
        var fields = ResultFields.Cacheable((long)options.CacheTtl.TotalMilliseconds, request.Caller.Checks ? McpCacheScope.Private : options.CacheScope);
        request.Respond.Result(request.Id, request.Client, fields, server, static (w, s) =>
        {
            w.WriteStartArray("supportedVersions"u8);
            foreach (var version in McpProtocolVersions.PerRequest) w.WriteStringValue(version);
            w.WriteEndArray();
            ServerCapabilities.Write(w, s, ProtocolEra.Modern, canNotify: true);
            if (s.Options.Instructions is { } instructions) w.WriteString("instructions"u8, instructions);
        });
    }
}
