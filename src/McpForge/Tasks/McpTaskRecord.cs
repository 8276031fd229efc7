using System;

namespace McpForge.Tasks;

/// <summary>
/// What a task store keeps of one task: its identity and owner, its state, and its outcome as the JSON the client will
/// read (a <c>CallToolResult</c> object, a JSON-RPC error object, or the outstanding input requests). Immutable: every
/// change is a new record with the next <see cref="Version"/>, written with <see cref="IMcpTaskStore.TryReplaceAsync"/>.
/// </summary>
public sealed record McpTaskRecord
{
    /// <summary>The task's id: 128 random bits, base64url; it works as a bearer token where callers are anonymous.</summary>
    public required string TaskId { get; init; }

    /// <summary>Who may see the task: the caller's issuer and subject, or a key of the anonymous connection that made it.</summary>
    public required string Owner { get; init; }

    /// <summary>True for a task of the 2026-07-28 extension, false for a 2025-11-25 task (each era sees only its own).</summary>
    public required bool IsModern { get; init; }

    /// <summary>The tool the task runs.</summary>
    public required string ToolName { get; init; }

    /// <summary>Where the task is in its life.</summary>
    public required McpTaskStatus Status { get; init; }

    /// <summary>A line for the user or model: why it failed, what it waits for.</summary>
    public string? StatusMessage { get; init; }

    /// <summary>When the task was created (its time to live counts from here).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the task last changed.</summary>
    public required DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>How long after <see cref="CreatedAt"/> the task (and its result) is kept; null: until the server stops.</summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>How often the client should poll.</summary>
    public required TimeSpan PollInterval { get; init; }

    /// <summary>The <c>CallToolResult</c> object (UTF-8 JSON) once the handler returned.</summary>
    public ReadOnlyMemory<byte>? Result { get; init; }

    /// <summary>The JSON-RPC error object (<c>{code, message, data}</c>) of a failed task.</summary>
    public ReadOnlyMemory<byte>? Error { get; init; }

    /// <summary>The outstanding input requests (<c>{key: {method, params}}</c>) of a task in <see cref="McpTaskStatus.InputRequired"/>.</summary>
    public ReadOnlyMemory<byte>? InputRequests { get; init; }

    /// <summary>Bumped by every change; a replace succeeds only over the version it read.</summary>
    public long Version { get; init; }

    /// <summary>True once the task ended (completed, failed or cancelled): a terminal record never changes again.</summary>
    public bool IsTerminal => Status is McpTaskStatus.Completed or McpTaskStatus.Failed or McpTaskStatus.Cancelled;

    /// <summary>When the task may be forgotten (null: never).</summary>
    public DateTimeOffset? ExpiresAt => TimeToLive is TimeSpan ttl ? CreatedAt + ttl : null;
}
