using System.Text.Json;
using System.Threading.Tasks;
using McpForge.AspNetCore.Transport;
using Microsoft.AspNetCore.Http;

namespace McpForge.AspNetCore.Authorization;

/// <summary>Serves the RFC 9728 Protected Resource Metadata document: where clients learn which authorization server to use.</summary>
internal sealed class ProtectedResourceMetadataEndpoint(ProtectedResourceMetadata metadata)
{
    public Task HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "max-age=3600";
        return JsonResponse.WriteAsync(context, metadata, static (w, metadata) => Write(w, metadata));
    }

    private static void Write(Utf8JsonWriter w, ProtectedResourceMetadata metadata)
    {
        w.WriteStartObject();
        w.WriteString("resource"u8, metadata.Resource);
        w.WriteStartArray("authorization_servers"u8);
        foreach (var server in metadata.AuthorizationServers) w.WriteStringValue(server);
        w.WriteEndArray();
        if (metadata.ScopesSupported.Count > 0)
        {
            w.WriteStartArray("scopes_supported"u8);
            foreach (var scope in metadata.ScopesSupported) w.WriteStringValue(scope);
            w.WriteEndArray();
        }
        w.WriteStartArray("bearer_methods_supported"u8);
        w.WriteStringValue("header"u8); // MCP: tokens travel in the Authorization header only, never the query
        w.WriteEndArray();
        if (metadata.ResourceName is not null) w.WriteString("resource_name"u8, metadata.ResourceName);
        if (metadata.ResourceDocumentation is not null) w.WriteString("resource_documentation"u8, metadata.ResourceDocumentation);
        w.WriteEndObject();
    }
}
