using System;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.AspNetCore.ScaleOut;

/// <summary>
/// Where the 2026-07-28 tasks of a fleet run (docs/scale-out.md, "Tasks"). A task's handler, its open asks and its
/// record live in the memory of the instance that runs it; a <c>tasks/get</c>, <c>tasks/update</c> or
/// <c>tasks/cancel</c> that reaches another instance names the task in its <c>Mcp-Name</c> header and is forwarded
/// there, as a session's request is forwarded to its owner. McpForge.AspNetCore.Redis keeps one in Redis, and
/// registers each task it creates in it.
/// </summary>
public interface IMcpTaskDirectory
{
    /// <summary>
    /// The address of the live instance that runs <paramref name="taskId"/>; null when this instance runs it, when no
    /// instance does (unknown or expired), or when the instance that ran it is gone (its tasks went with it). Throws
    /// when the store cannot be reached.
    /// </summary>
    ValueTask<Uri?> LocateAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>
    /// Lists <paramref name="taskId"/> as run by this instance for <paramref name="timeToLive"/> (the task's own), so that
    /// the others forward its requests here. Called when the task is created, before its handle leaves.
    /// </summary>
    ValueTask RegisterAsync(string taskId, TimeSpan timeToLive, CancellationToken cancellationToken);
}
