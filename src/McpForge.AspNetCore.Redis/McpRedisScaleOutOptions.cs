using System;
using System.Collections.Generic;

namespace McpForge.AspNetCore.Redis;

/// <summary>
/// How an instance joins a fleet through Redis (docs/scale-out.md). From configuration: the <c>McpForge:Redis</c>
/// section (<c>McpForge__Redis__Configuration</c>, <c>McpForge__Redis__InstanceUrl</c>, <c>McpForge__Redis__ForwardingKey</c>
/// in the environment).
/// </summary>
public sealed class McpRedisScaleOutOptions
{
    /// <summary>The StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…</c>. Required.</summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// How the other instances reach this one (its own address inside the fleet, not the public one behind the load
    /// balancer), e.g. <c>http://10.0.0.5:8080</c>. Required.
    /// </summary>
    public Uri? InstanceUrl { get; set; }

    /// <summary>
    /// The secret every instance of the fleet shares: each forwarded request is signed with it (HMAC-SHA256 over the
    /// sender, the time, the method and the session), and a request whose signature does not hold is refused. At least
    /// 32 characters. Required.
    /// </summary>
    public string? ForwardingKey { get; set; }

    /// <summary>What every key and channel of the fleet starts with, so fleets can share a Redis. Default <c>mcpforge:</c>.</summary>
    public string KeyPrefix { get; set; } = "mcpforge:";

    /// <summary>
    /// How long an instance's lease lives without a renewal (renewed every third of it). When an instance dies, its
    /// sessions are taken over at the latest this long after (at once when its address refuses connections). An
    /// instance that cannot renew within it stops serving its sessions. Default 10 seconds.
    /// </summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long Redis keeps the snapshot of a session nobody uses; its owner keeps it alive while the session lives.
    /// Keep it equal to <c>McpHttpOptions.SessionIdleTimeout</c>. Default 30 minutes.
    /// </summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How far apart the clocks of two instances may be for a forwarded request's signature to hold. Default 30 seconds.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The Data Protection application name the fleet shares (with the key ring kept in Redis), so each instance opens
    /// the request states of 2026-07-28 rounds of input another sealed. Default <c>mcpforge</c>.
    /// </summary>
    public string ApplicationName { get; set; } = "mcpforge";

    /// <summary>Every problem with these settings, each naming its configuration key.</summary>
    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Configuration)) yield return "McpForge:Redis:Configuration is required (a StackExchange.Redis configuration string such as 'localhost:6379').";
        if (InstanceUrl is null) yield return "McpForge:Redis:InstanceUrl is required: how the other instances reach this one, such as 'http://10.0.0.5:8080'.";
        else if (!InstanceUrl.IsAbsoluteUri || InstanceUrl.Scheme is not ("http" or "https")) yield return $"McpForge:Redis:InstanceUrl must be an absolute http or https URL, not '{InstanceUrl}'.";
        if (ForwardingKey is null || ForwardingKey.Length < 32) yield return "McpForge:Redis:ForwardingKey is required, at least 32 characters: the secret the instances sign forwarded requests with.";
        if (string.IsNullOrEmpty(KeyPrefix)) yield return "McpForge:Redis:KeyPrefix must not be empty.";
        if (LeaseTime < TimeSpan.FromSeconds(1)) yield return $"McpForge:Redis:LeaseTime must be at least 1 second, not {LeaseTime}.";
        if (SessionIdleTimeout <= TimeSpan.Zero) yield return $"McpForge:Redis:SessionIdleTimeout must be positive, not {SessionIdleTimeout}.";
        if (MaxClockSkew <= TimeSpan.Zero) yield return $"McpForge:Redis:MaxClockSkew must be positive, not {MaxClockSkew}.";
        if (string.IsNullOrWhiteSpace(ApplicationName)) yield return "McpForge:Redis:ApplicationName must not be empty.";
    }
}
