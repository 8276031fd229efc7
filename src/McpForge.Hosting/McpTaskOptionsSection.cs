using System;
using McpForge.Tasks;

namespace McpForge.Hosting;

/// <summary>
/// The <c>McpForge:Tasks</c> configuration section: the <see cref="McpTaskOptions"/> that configuration can express. Its
/// presence turns tasks on (docs/tasks.md); the store (<see cref="McpTaskOptions.Store"/>, a service) stays code-only.
/// </summary>
internal sealed class McpTaskOptionsSection
{
    public TimeSpan? DefaultTimeToLive { get; set; }

    public TimeSpan? MaxTimeToLive { get; set; }

    public TimeSpan? PollInterval { get; set; }

    public int? MaxTasksPerOwner { get; set; }

    public int? MaxResultBytes { get; set; }

    public int? PageSize { get; set; }

    /// <summary>Turns tasks on in <paramref name="options"/> (if code did not already) and copies the keys that were present.</summary>
    public void ApplyTo(McpServerOptions options)
    {
        var tasks = options.Tasks ??= new McpTaskOptions();
        if (DefaultTimeToLive is { } defaultTimeToLive) tasks.DefaultTimeToLive = defaultTimeToLive;
        if (MaxTimeToLive is { } maxTimeToLive) tasks.MaxTimeToLive = maxTimeToLive;
        if (PollInterval is { } pollInterval) tasks.PollInterval = pollInterval;
        if (MaxTasksPerOwner is { } maxTasksPerOwner) tasks.MaxTasksPerOwner = maxTasksPerOwner;
        if (MaxResultBytes is { } maxResultBytes) tasks.MaxResultBytes = maxResultBytes;
        if (PageSize is { } pageSize) tasks.PageSize = pageSize;
    }
}
