using System;
using System.Text;
using System.Text.Json;
using McpForge.Eras;
using McpForge.Transports;

namespace McpForge.Dispatch;

/// <summary>What the server knows of a method: where it is served and what serving it involves.</summary>
[Flags]
internal enum MethodTraits
{
    None = 0,
    /// <summary>Served in sessions opened with <c>initialize</c> (2025-11-25 and earlier).</summary>
    Legacy = 1,
    /// <summary>Served to self-contained 2026-07-28 requests.</summary>
    Modern = 2,
    /// <summary>A client notification: it never has an id and is never answered.</summary>
    Notification = 4,
    /// <summary>Runs user code, so it waits for a slot (<see cref="Connections.RequestAdmission"/>).</summary>
    RunsHandler = 8,
    /// <summary>May answer <c>input_required</c> on a modern request (multi round-trip requests).</summary>
    MayNeedInput = 16,
    /// <summary>A modern complete result carries <c>ttlMs</c> and <c>cacheScope</c>.</summary>
    Cacheable = 32,
}

/// <summary>The server capability a method belongs to: without it the method does not exist for the client (-32601).</summary>
internal enum ServerFeature
{
    None,
    Tools,
    Prompts,
    Resources,
    Completions,
    /// <summary>MCP tasks (<see cref="McpServerOptions.Tasks"/>): 2025-11-25 <c>capabilities.tasks</c>, the 2026-07-28 extension.</summary>
    Tasks,
}

/// <summary>One row of the <see cref="MethodTable"/>.</summary>
internal sealed class MethodInfo(McpMethod method, string name, MethodTraits traits, ServerFeature feature = ServerFeature.None)
{
    public McpMethod Method { get; } = method;

    public string Name { get; } = name;

    public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(name);

    public MethodTraits Traits { get; } = traits;

    public ServerFeature Feature { get; } = feature;

    public bool Has(MethodTraits trait) => (Traits & trait) != 0;
}

/// <summary>
/// Every method the server knows, once: its wire name both ways (bytes to <see cref="McpMethod"/> when a message is
/// read, <see cref="McpMethod"/> to name in errors and telemetry), the eras that serve it, and what serving it
/// involves. Dispatch, admission, the era gates and telemetry all ask this table.
/// </summary>
internal static class MethodTable
{
    private const MethodTraits Both = MethodTraits.Legacy | MethodTraits.Modern;

    // Indexed by McpMethod; the order of matching is the order of this array (hot methods first).
    private static readonly MethodInfo[] s_rows =
    [
        new(McpMethod.ToolsCall, "tools/call", Both | MethodTraits.RunsHandler | MethodTraits.MayNeedInput, ServerFeature.Tools),
        new(McpMethod.ToolsList, "tools/list", Both | MethodTraits.Cacheable, ServerFeature.Tools),
        new(McpMethod.Ping, "ping", MethodTraits.Legacy),
        new(McpMethod.NotificationsCancelled, "notifications/cancelled", Both | MethodTraits.Notification),
        new(McpMethod.PromptsGet, "prompts/get", Both | MethodTraits.RunsHandler | MethodTraits.MayNeedInput, ServerFeature.Prompts),
        new(McpMethod.ResourcesRead, "resources/read", Both | MethodTraits.RunsHandler | MethodTraits.MayNeedInput | MethodTraits.Cacheable, ServerFeature.Resources),
        new(McpMethod.CompletionComplete, "completion/complete", Both | MethodTraits.RunsHandler, ServerFeature.Completions),
        new(McpMethod.PromptsList, "prompts/list", Both | MethodTraits.Cacheable, ServerFeature.Prompts),
        new(McpMethod.ResourcesList, "resources/list", Both | MethodTraits.Cacheable, ServerFeature.Resources),
        new(McpMethod.ResourcesTemplatesList, "resources/templates/list", Both | MethodTraits.Cacheable, ServerFeature.Resources),
        new(McpMethod.ServerDiscover, "server/discover", MethodTraits.Modern | MethodTraits.Cacheable),
        new(McpMethod.SubscriptionsListen, "subscriptions/listen", MethodTraits.Modern),
        new(McpMethod.Initialize, "initialize", MethodTraits.Legacy),
        new(McpMethod.NotificationsInitialized, "notifications/initialized", MethodTraits.Legacy | MethodTraits.Notification),
        new(McpMethod.ResourcesSubscribe, "resources/subscribe", MethodTraits.Legacy, ServerFeature.Resources),
        new(McpMethod.ResourcesUnsubscribe, "resources/unsubscribe", MethodTraits.Legacy, ServerFeature.Resources),
        new(McpMethod.LoggingSetLevel, "logging/setLevel", MethodTraits.Legacy),
        new(McpMethod.TasksGet, "tasks/get", Both, ServerFeature.Tasks),
        new(McpMethod.TasksCancel, "tasks/cancel", Both, ServerFeature.Tasks),
        new(McpMethod.TasksUpdate, "tasks/update", MethodTraits.Modern, ServerFeature.Tasks),
        // 2026-07-28 removed these two (the extension inlines results in tasks/get and has no listing): -32601 there.
        new(McpMethod.TasksResult, "tasks/result", MethodTraits.Legacy, ServerFeature.Tasks),
        new(McpMethod.TasksList, "tasks/list", MethodTraits.Legacy, ServerFeature.Tasks),
    ];

    private static readonly MethodInfo s_unknown = new(McpMethod.Unknown, "unknown", MethodTraits.None);

    private static readonly MethodInfo[] s_byMethod = Index(s_rows);

    private static MethodInfo[] Index(MethodInfo[] rows)
    {
        var count = 1;
        foreach (var row in rows) count = Math.Max(count, (int)row.Method + 1);
        var byMethod = new MethodInfo[count];
        Array.Fill(byMethod, s_unknown);
        foreach (var row in rows) byMethod[(int)row.Method] = row;
        return byMethod;
    }

    /// <summary>The row of <paramref name="method"/>.</summary>
    public static MethodInfo Get(McpMethod method) => s_byMethod[(int)method];

    /// <summary>The wire name of <paramref name="method"/>.</summary>
    public static string Name(McpMethod method) => s_byMethod[(int)method].Name;

    /// <summary>True when <paramref name="method"/> is served to requests of <paramref name="era"/>.</summary>
    public static bool ServesIn(McpMethod method, ProtocolEra era) =>
        s_byMethod[(int)method].Has(era == ProtocolEra.Modern ? MethodTraits.Modern : MethodTraits.Legacy);

    /// <summary>The method named by the UTF-8 bytes, or <see cref="McpMethod.Unknown"/>. Allocates nothing.</summary>
    public static McpMethod Match(ReadOnlySpan<byte> name)
    {
        foreach (var row in s_rows)
        {
            if (row.Utf8Name.Length == name.Length && name.SequenceEqual(row.Utf8Name)) return row.Method;
        }
        return McpMethod.Unknown;
    }

    /// <summary>The method named by the string token at the reader (unescaped into a stack buffer only when escaped).</summary>
    public static McpMethod Match(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return Match(reader.ValueSpan);
        const int Longest = 64; // longer than every known name: an escaped name this long is unknown
        if (reader.ValueSpan.Length > Longest * 6) return McpMethod.Unknown;
        Span<byte> unescaped = stackalloc byte[Longest * 6];
        var length = reader.CopyString(unescaped);
        return Match(unescaped[..length]);
    }
}
