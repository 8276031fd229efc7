using System;
using System.Text.Json;

namespace McpForge.Protocol;

/// <summary>The wire names of <see cref="McpLogLevel"/>.</summary>
internal static class McpLogLevels
{
    public static ReadOnlySpan<byte> Name(McpLogLevel level) => level switch
    {
        McpLogLevel.Debug => "debug"u8,
        McpLogLevel.Info => "info"u8,
        McpLogLevel.Notice => "notice"u8,
        McpLogLevel.Warning => "warning"u8,
        McpLogLevel.Error => "error"u8,
        McpLogLevel.Critical => "critical"u8,
        McpLogLevel.Alert => "alert"u8,
        _ => "emergency"u8,
    };

    public static McpLogLevel? Parse(ref Utf8JsonReader reader)
    {
        for (var level = McpLogLevel.Debug; level <= McpLogLevel.Emergency; level++)
        {
            if (reader.ValueTextEquals(Name(level))) return level;
        }
        return null;
    }
}
