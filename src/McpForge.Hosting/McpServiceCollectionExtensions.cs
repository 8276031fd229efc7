using System;
using McpForge;
using McpForge.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

// Registration extensions live in the namespace of IServiceCollection, as the .NET guidance for library authors says
// (and as AddHostedService, AddOptions or the official MCP SDK's AddMcpServer do): they are found wherever services are
// registered, whichever transport the app uses.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers an MCP server with an application's services, and serves it over stdio under the Generic Host.</summary>
public static class McpServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="McpServer"/> named <paramref name="name"/>: <paramref name="configure"/> adds its tools,
    /// prompts and resources (for example <c>b =&gt; b.AddGeneratedComponents()</c>). Services that tools ask for
    /// (constructor or <c>[FromServices]</c> parameters) come from the application's container. Its
    /// <see cref="McpServerOptions"/> are bound from the <c>McpForge</c> configuration section (<c>appsettings.json</c>,
    /// or environment variables such as <c>McpForge__ToolTimeout=00:00:30</c>) and from
    /// <c>services.Configure&lt;McpServerOptions&gt;</c>, then checked when the host starts: a value the server cannot
    /// run with, or a key under <c>McpForge</c> that names no option, stops the host with a message naming the key.
    /// Serve it with <see cref="AddMcpStdioTransport"/>, or over HTTP with McpForge.AspNetCore's <c>MapMcp</c>.
    /// </summary>
    public static IServiceCollection AddMcpServer(this IServiceCollection services, string name, string version, Action<McpServerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(configure);
        // Configuration first, then whatever the app registers with Configure<McpServerOptions> after this call.
        services.AddOptions<McpServerOptionsSection>()
            .BindConfiguration(McpServerOptionsValidator.Section, binder => binder.ErrorOnUnknownConfiguration = true);
        services.AddOptions<McpServerOptions>()
            .Configure<IOptions<McpServerOptionsSection>>((options, section) => section.Value.ApplyTo(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<McpServerOptions>, McpServerOptionsValidator>());
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<McpServerOptions>>().Value;
            // A protector among the services (McpForge.AspNetCore's AddMcpDataProtection: the app's Data Protection key
            // ring) seals request states, so the instances sharing it open each other's.
            options.RequestStateProtector ??= provider.GetService<IMcpRequestStateProtector>();
            var builder = new McpServerBuilder(name, version, options).UseServiceProvider(provider);
            configure(builder);
            // A task store among the services (McpForge.AspNetCore.Redis's, in a fleet) keeps the tasks of a server that
            // turned tasks on without naming a store of its own.
            if (options.Tasks is { Store: null } tasks) tasks.Store = provider.GetService<McpForge.Tasks.IMcpTaskStore>();
            return builder.Build();
        });
        return services;
    }

    /// <summary>
    /// Serves the server <see cref="AddMcpServer"/> registered over standard input and output for as long as the host
    /// runs, as a hosted service. The host stops when the client closes standard input (how MCP ends a stdio session),
    /// and on SIGTERM or Ctrl+C stops reading, lets the calls in progress finish within
    /// <see cref="McpServerOptions.ShutdownTimeout"/> (cancelling what is left then) and returns; the host's own
    /// <c>HostOptions.ShutdownTimeout</c> is raised when it would leave no room for that. Every console log entry goes
    /// to standard error, since standard output carries the JSON-RPC stream.
    /// </summary>
    public static IServiceCollection AddMcpStdioTransport(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService<StdioServerService>();
        // PostConfigure: after the "Logging:Console" configuration, which must not be able to send entries to stdout.
        services.PostConfigure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        return services;
    }
}
