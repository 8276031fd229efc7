using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Tasks;
using McpForge.Server;
using McpForge.Transports;

namespace McpForge.Tasks;

/// <summary>
/// A server's tasks: the store, the limits, and the runs whose handlers live in this process (which a cancel, an answer
/// or a shutdown must reach). Exists only on a server with <see cref="McpServerOptions.Tasks"/> set.
/// </summary>
internal sealed class TaskHost
{
    /// <summary>The extension id of 2026-07-28 tasks, in <c>capabilities.extensions</c> both ways.</summary>
    public const string ExtensionId = "io.modelcontextprotocol/tasks";

    public TaskHost(McpServer server, McpTaskOptions options)
    {
        Server = server;
        Options = options;
        Time = server.Options.TimeProvider;
        Store = options.Store ?? new InMemoryMcpTaskStore(Time);
    }

    public McpServer Server { get; }

    public McpTaskOptions Options { get; }

    public IMcpTaskStore Store { get; }

    public TimeProvider Time { get; }

    /// <summary>The runs whose handler is in this process and not yet ended, by task id.</summary>
    public ConcurrentDictionary<string, TaskRun> Runs { get; } = new(StringComparer.Ordinal);

    /// <summary>A task id: 128 bits from a CSPRNG, base64url (T-C2: unguessable, as it works as a bearer token).</summary>
    public static string NewTaskId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// Who owns a task the caller creates or reads: an authenticated user by issuer and subject (on any connection, so a
    /// task outlives its session); an anonymous 2026-07-28 caller shares one owner with every other (the id is the only
    /// secret); an anonymous session owns its tasks alone.
    /// </summary>
    public static string OwnerOf(McpCaller caller, McpConnection connection, bool modern) =>
        caller.PrincipalKey is { } key ? "user:" + key : modern ? "anonymous" : "connection:" + connection.OwnerKey;

    /// <summary>The client's time to live, cut to the server's bounds; null asks for the default.</summary>
    public TimeSpan TimeToLive(long? requestedMs)
    {
        if (requestedMs is not long ms || ms <= 0) return Options.DefaultTimeToLive;
        var requested = TimeSpan.FromMilliseconds(Math.Min(ms, (long)TimeSpan.MaxValue.TotalMilliseconds / 2));
        return requested > Options.MaxTimeToLive ? Options.MaxTimeToLive : requested;
    }

    /// <summary>The server is stopping: every running task ends cancelled, saying so (docs/tasks.md, "Shutdown").</summary>
    public async Task StopAsync()
    {
        foreach (var run in Runs.Values)
        {
            await run.CancelAsync("The server stopped before the task ended.").ConfigureAwait(false);
        }
    }

    /// <summary>ISO 8601 in UTC with milliseconds, as both eras' timestamps.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
