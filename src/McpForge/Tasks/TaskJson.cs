using System.Text.Json;

namespace McpForge.Tasks;

/// <summary>A task as each era's wire shows it (the same record, different names and envelopes).</summary>
internal static class TaskJson
{
    public static string StatusName(McpTaskStatus status) => status switch
    {
        McpTaskStatus.Working => "working",
        McpTaskStatus.InputRequired => "input_required",
        McpTaskStatus.Completed => "completed",
        McpTaskStatus.Failed => "failed",
        _ => "cancelled",
    };

    /// <summary>
    /// 2026-07-28 (extension): the flat <c>Task</c> members (<c>ttlMs</c>, <c>pollIntervalMs</c>); <paramref name="detailed"/>
    /// adds what <c>tasks/get</c> inlines for the status: <c>inputRequests</c>, <c>result</c> or <c>error</c>.
    /// </summary>
    public static void WriteModern(Utf8JsonWriter w, McpTaskRecord task, bool detailed)
    {
        WriteCommon(w, task);
        if (task.TimeToLive is { } ttl) w.WriteNumber("ttlMs"u8, (long)ttl.TotalMilliseconds);
        else w.WriteNull("ttlMs"u8);
        w.WriteNumber("pollIntervalMs"u8, (long)task.PollInterval.TotalMilliseconds);
        if (!detailed) return;
        switch (task.Status)
        {
            case McpTaskStatus.InputRequired when task.InputRequests is { } asks:
                w.WritePropertyName("inputRequests"u8);
                w.WriteRawValue(asks.Span, skipInputValidation: true);
                break;
            case McpTaskStatus.Completed when task.Result is { } result:
                w.WritePropertyName("result"u8);
                w.WriteRawValue(result.Span, skipInputValidation: true);
                break;
            case McpTaskStatus.Failed when task.Error is { } error:
                w.WritePropertyName("error"u8);
                w.WriteRawValue(error.Span, skipInputValidation: true);
                break;
        }
    }

    /// <summary>2025-11-25: the <c>Task</c> members (<c>ttl</c>, <c>pollInterval</c>).</summary>
    public static void WriteLegacy(Utf8JsonWriter w, McpTaskRecord task)
    {
        WriteCommon(w, task);
        if (task.TimeToLive is { } ttl) w.WriteNumber("ttl"u8, (long)ttl.TotalMilliseconds);
        else w.WriteNull("ttl"u8);
        w.WriteNumber("pollInterval"u8, (long)task.PollInterval.TotalMilliseconds);
    }

    private static void WriteCommon(Utf8JsonWriter w, McpTaskRecord task)
    {
        w.WriteString("taskId"u8, task.TaskId);
        w.WriteString("status"u8, StatusName(task.Status));
        if (task.StatusMessage is { } message) w.WriteString("statusMessage"u8, message);
        w.WriteString("createdAt"u8, TaskHost.Timestamp(task.CreatedAt));
        w.WriteString("lastUpdatedAt"u8, TaskHost.Timestamp(task.LastUpdatedAt));
    }
}
