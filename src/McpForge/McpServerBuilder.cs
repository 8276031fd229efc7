using System;
using System.Collections.Generic;
using System.Linq;
using McpForge.Completions;
using McpForge.Prompts;
using McpForge.Resources;
using McpForge.Server;
using McpForge.Tools;
using McpForge.Generated;

namespace McpForge;

/// <summary>Collects a server's tools, services and options; <see cref="Build"/> makes the <see cref="McpServer"/>.</summary>
public sealed class McpServerBuilder
{
    private readonly List<McpToolSet> _toolSets = new();
    private readonly List<McpPromptSet> _promptSets = new();
    private readonly List<McpResourceSet> _resourceSets = new();
    private readonly List<McpCompletionSet> _completionSets = new();
    private readonly HashSet<object> _seen = new();
    private readonly Dictionary<Type, object> _singletons = new();
    private IServiceProvider? _serviceProvider;
    private Microsoft.Extensions.Logging.ILoggerFactory? _loggerFactory;

    internal McpServerBuilder(string name, string version, McpServerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        Name = name;
        Version = version;
        // A host hands in the options it bound from configuration (McpForge.Hosting); otherwise they start at their defaults.
        Options = options ?? new();
    }

    /// <summary>The server name sent in <c>serverInfo</c>.</summary>
    public string Name { get; }

    /// <summary>The server version sent in <c>serverInfo</c>.</summary>
    public string Version { get; }

    /// <summary>The options; change them directly or with <see cref="Configure"/>.</summary>
    public McpServerOptions Options { get; }

    /// <summary>
    /// Adds the <c>[McpTool]</c> methods of <typeparamref name="T"/>. Only classes the McpForge generator has
    /// processed satisfy the constraint: a class that is not <c>partial</c> does not compile here.
    /// </summary>
    public McpServerBuilder AddTools<T>() where T : IMcpToolType => AddTools(T.McpTools);

    /// <summary>Adds a set of tools (normally one a generated class provides).</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public McpServerBuilder AddTools(McpToolSet tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        if (_seen.Add(tools))
        {
            _toolSets.Add(tools);
        }
        return this;
    }

    /// <summary>
    /// Adds the <c>[McpPrompt]</c> methods of <typeparamref name="T"/>. Only classes the McpForge generator has
    /// processed satisfy the constraint.
    /// </summary>
    public McpServerBuilder AddPrompts<T>() where T : IMcpPromptType => AddPrompts(T.McpPrompts);

    /// <summary>Adds a set of prompts (normally one a generated class provides).</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public McpServerBuilder AddPrompts(McpPromptSet prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (_seen.Add(prompts))
        {
            _promptSets.Add(prompts);
        }
        return this;
    }

    /// <summary>
    /// Adds the <c>[McpResource]</c> methods of <typeparamref name="T"/>: fixed resources and URI templates.
    /// Only classes the McpForge generator has processed satisfy the constraint.
    /// </summary>
    public McpServerBuilder AddResources<T>() where T : IMcpResourceType => AddResources(T.McpResources);

    /// <summary>Adds a set of resources (normally one a generated class provides).</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public McpServerBuilder AddResources(McpResourceSet resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        if (_seen.Add(resources))
        {
            _resourceSets.Add(resources);
        }
        return this;
    }

    /// <summary>
    /// Adds a tool made at run time (<see cref="McpTool.Create"/>), as a set of its own. Generated tools are faster and
    /// checked at build time; this is for tools known only from configuration or plugins.
    /// </summary>
    public McpServerBuilder AddTool(McpTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var name = System.Text.Encoding.UTF8.GetBytes(tool.Name);
        return AddTools(new McpToolSet([tool], utf8Name => utf8Name.SequenceEqual(name) ? 0 : -1));
    }

    /// <summary>Adds a prompt made at run time (<see cref="McpPrompt.Create"/>), as a set of its own.</summary>
    public McpServerBuilder AddPrompt(McpPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var name = System.Text.Encoding.UTF8.GetBytes(prompt.Name);
        return AddPrompts(new McpPromptSet([prompt], utf8Name => utf8Name.SequenceEqual(name) ? 0 : -1));
    }

    /// <summary>Adds the <c>[McpCompletion]</c> methods of <typeparamref name="T"/>.</summary>
    public McpServerBuilder AddCompletions<T>() where T : IMcpCompletionType => AddCompletions(T.McpCompletions);

    /// <summary>Adds a set of completion methods (normally one a generated class provides).</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public McpServerBuilder AddCompletions(McpCompletionSet completions)
    {
        ArgumentNullException.ThrowIfNull(completions);
        if (_seen.Add(completions))
        {
            _completionSets.Add(completions);
        }
        return this;
    }

    /// <summary>Registers <paramref name="instance"/> as the service of type <typeparamref name="TService"/>.</summary>
    public McpServerBuilder AddSingleton<TService>(TService instance) where TService : class
    {
        ArgumentNullException.ThrowIfNull(instance);
        _singletons[typeof(TService)] = instance;
        return this;
    }

    /// <summary>Resolves services not registered with <see cref="AddSingleton{TService}"/> from <paramref name="services"/>.</summary>
    public McpServerBuilder UseServiceProvider(IServiceProvider services)
    {
        _serviceProvider = services ?? throw new ArgumentNullException(nameof(services));
        return this;
    }

    /// <summary>
    /// Logs through <paramref name="factory"/> (category <c>McpForge</c>) instead of the built-in standard-error logger.
    /// Without it, a factory among the services (<see cref="UseServiceProvider"/>) is used when there is one.
    /// </summary>
    public McpServerBuilder UseLoggerFactory(Microsoft.Extensions.Logging.ILoggerFactory factory)
    {
        _loggerFactory = factory ?? throw new ArgumentNullException(nameof(factory));
        return this;
    }

    /// <summary>Changes the options.</summary>
    public McpServerBuilder Configure(Action<McpServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options);
        return this;
    }

    /// <summary>Checks the configuration (duplicate tool names, limits) and creates the server.</summary>
    public McpServer Build()
    {
        Options.Validate();
        var tools = new ComponentRegistry<McpTool>("tool", _toolSets.Select(set => (set.Tools.ToArray(), (ComponentRegistry<McpTool>.Finder)set.Find)), t => t.Name);
        var prompts = new ComponentRegistry<McpPrompt>("prompt", _promptSets.Select(set => (set.Prompts.ToArray(), (ComponentRegistry<McpPrompt>.Finder)set.Find)), p => p.Name);
        var resources = new ResourceRegistry(_resourceSets);
        var completions = new Dictionary<(string, string), McpCompletion>();
        foreach (var set in _completionSets)
        {
            foreach (var completion in set.Completions)
            {
                if (!completions.TryAdd((completion.Reference, completion.Argument), completion))
                {
                    throw new InvalidOperationException($"Two completion methods complete '{completion.Argument}' of '{completion.Reference}'.");
                }
            }
        }
        var services = new ServiceRegistry(new(_singletons), _serviceProvider);
        var factory = _loggerFactory ?? _serviceProvider?.GetService(typeof(Microsoft.Extensions.Logging.ILoggerFactory)) as Microsoft.Extensions.Logging.ILoggerFactory;
        var logger = factory?.CreateLogger(Diagnostics.McpTelemetry.Name)
            ?? new Diagnostics.StderrLogger(Options.ErrorLog, Options.LogLevel ?? Diagnostics.StderrLogger.FromEnvironment() ?? Microsoft.Extensions.Logging.LogLevel.Warning);
        return new McpServer(Name, Version, Options, tools, prompts, resources, completions, services, logger);
    }
}
