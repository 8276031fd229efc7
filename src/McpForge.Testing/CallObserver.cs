using System.Collections.Generic;

namespace McpForge.Testing;

/// <summary>What the server sent while one call was in flight: its progress (by its token) and the log entries.</summary>
internal sealed class CallObserver(string progressToken)
{
    private readonly List<McpTestProgress> _progress = [];
    private readonly List<McpTestLogEntry> _logs = [];

    public string ProgressToken { get; } = progressToken;

    public void Add(McpTestProgress progress)
    {
        lock (_progress) _progress.Add(progress);
    }

    public void Add(McpTestLogEntry entry)
    {
        lock (_logs) _logs.Add(entry);
    }

    public McpTestProgress[] Progress()
    {
        lock (_progress) return [.. _progress];
    }

    public McpTestLogEntry[] Logs()
    {
        lock (_logs) return [.. _logs];
    }
}
