using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using McpForge;
using McpForge.AspNetCore.Redis;
using McpForge.AspNetCore.ScaleOut;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs an MCP server as one instance of a fleet behind a load balancer, with Redis (docs/scale-out.md).</summary>
public static class McpRedisServiceCollectionExtensions
{
    /// <summary>The configuration section of the fleet's settings.</summary>
    public const string Section = "McpForge:Redis";

    /// <summary>
    /// Joins the fleet when <c>McpForge:Redis:Configuration</c> is set, and does nothing otherwise (one instance, as
    /// before): the same binary runs alone or in a fleet by configuration only. Reads <c>Configuration</c>,
    /// <c>InstanceUrl</c> and <c>ForwardingKey</c> (required), and <c>KeyPrefix</c>, <c>LeaseTime</c>,
    /// <c>SessionIdleTimeout</c>, <c>MaxClockSkew</c> and <c>ApplicationName</c> (see <see cref="McpRedisScaleOutOptions"/>);
    /// an unknown key or a bad value throws, naming the key.
    /// </summary>
    public static IServiceCollection AddMcpRedisScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        if (string.IsNullOrWhiteSpace(section["Configuration"])) return services;
        return services.AddMcpRedisScaleOut(options => Read(section, options));
    }

    /// <summary>
    /// Joins the fleet: sessions of 2025-11-25 clients are served from whichever instance a request reaches (forwarded
    /// to their owner, or taken over when it died), list changes and resource updates reach every instance's clients
    /// once, and 2026-07-28 request states are sealed with a Data Protection key ring kept in Redis. Call it beside
    /// <c>AddMcpServer</c>; <c>MapMcp</c> and <c>MapMcpHealth</c> pick it up.
    /// </summary>
    public static IServiceCollection AddMcpRedisScaleOut(this IServiceCollection services, Action<McpRedisScaleOutOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new McpRedisScaleOutOptions();
        configure(options);
        var problems = new List<string>(options.Problems());
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));

        var redis = new RedisConnection(options);
        services.AddSingleton(redis);
        services.AddSingleton(provider => new RedisSessionDirectory(redis, provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IMcpSessionDirectory>(provider => provider.GetRequiredService<RedisSessionDirectory>());
        services.AddSingleton(provider => new RedisEventBus(redis, provider.GetRequiredService<RedisSessionDirectory>()));
        services.AddOptions<McpServerOptions>().Configure<RedisEventBus>((server, bus) => server.EventBus ??= bus);
        services.AddHttpForwarder();
        services.AddSingleton<IMcpSessionForwarder>(provider => new HttpSessionForwarder(provider.GetRequiredService<IHttpForwarder>(),
            new ForwardingSignature(Encoding.UTF8.GetBytes(options.ForwardingKey!), provider.GetRequiredService<RedisSessionDirectory>().InstanceId,
                provider.GetService<TimeProvider>() ?? TimeProvider.System, options.MaxClockSkew)));
        // 2026-07-28 tasks run where they were made; their requests are forwarded there (a server with tasks on and no
        // store of its own takes this one: AddMcpServer looks for an IMcpTaskStore among the services).
        services.AddSingleton(provider => new RedisTaskDirectory(redis, provider.GetRequiredService<RedisSessionDirectory>()));
        services.AddSingleton<IMcpTaskDirectory>(provider => provider.GetRequiredService<RedisTaskDirectory>());
        services.AddSingleton<McpForge.Tasks.IMcpTaskStore>(provider => new FleetTaskStore(
            new McpForge.Tasks.InMemoryMcpTaskStore(provider.GetService<TimeProvider>() ?? TimeProvider.System), provider.GetRequiredService<RedisTaskDirectory>()));
        services.AddHostedService(provider => new RedisScaleOutService(provider.GetRequiredService<RedisSessionDirectory>(),
            provider.GetRequiredService<RedisEventBus>(), redis, provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILogger<RedisScaleOutService>>()));
        // One key ring for the fleet: a 2026-07-28 retry opens, on any instance, the request state another sealed.
        services.AddDataProtection().SetApplicationName(options.ApplicationName).PersistKeysToStackExchangeRedis(() => redis.Database, redis.Keys.DataProtectionKeys);
        services.AddMcpDataProtection();
        return services;
    }

    private static void Read(IConfigurationSection section, McpRedisScaleOutOptions options)
    {
        foreach (var child in section.GetChildren())
        {
            var value = child.Value ?? "";
            switch (child.Key.ToLowerInvariant())
            {
                case "configuration": options.Configuration = value; break;
                case "instanceurl":
                    options.InstanceUrl = Uri.TryCreate(value, UriKind.Absolute, out var url) ? url
                        : throw new InvalidOperationException($"{Section}:InstanceUrl must be an absolute URL, not '{value}'.");
                    break;
                case "forwardingkey": options.ForwardingKey = value; break;
                case "keyprefix": options.KeyPrefix = value; break;
                case "applicationname": options.ApplicationName = value; break;
                case "leasetime": options.LeaseTime = Duration(child); break;
                case "sessionidletimeout": options.SessionIdleTimeout = Duration(child); break;
                case "maxclockskew": options.MaxClockSkew = Duration(child); break;
                default: throw new InvalidOperationException($"{Section}:{child.Key} is not a setting of McpForge.AspNetCore.Redis.");
            }
        }
    }

    private static TimeSpan Duration(IConfigurationSection child) =>
        TimeSpan.TryParse(child.Value, CultureInfo.InvariantCulture, out var value) ? value
            : throw new InvalidOperationException($"{Section}:{child.Key} must be a duration such as 00:00:10, not '{child.Value}'.");
}
