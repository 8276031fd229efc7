using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Tasks;

/// <summary>One page of <see cref="IMcpTaskStore.ListAsync"/>: the tasks, and the cursor of the next page when more remain.</summary>
public sealed record McpTaskPage(IReadOnlyList<McpTaskRecord> Tasks, string? NextCursor);
