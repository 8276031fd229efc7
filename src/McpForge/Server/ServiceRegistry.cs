using System;
using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;

namespace McpForge.Server;

/// <summary>
/// The services a server's components are given: singletons registered on the builder, then an application provider
/// (such as Microsoft.Extensions.DependencyInjection's) if one was given: the application's root, or one call's scope
/// of it (<see cref="ForScope"/>).
/// </summary>
internal sealed class ServiceRegistry : IServiceProvider
{
    private readonly Dictionary<Type, object> _singletons;
    private readonly IServiceProvider? _fallback;

    public ServiceRegistry(Dictionary<Type, object> singletons, IServiceProvider? fallback)
    {
        _singletons = singletons;
        _fallback = fallback;
        ScopeFactory = fallback?.GetService(typeof(IServiceScopeFactory)) as IServiceScopeFactory;
    }

    /// <summary>Makes the scope of each call; null when the application's container has no scopes (or there is none).</summary>
    public IServiceScopeFactory? ScopeFactory { get; }

    /// <summary>These singletons over <paramref name="scoped"/>, one call's scope of the application's container.</summary>
    public ServiceRegistry ForScope(IServiceProvider scoped) => new(_singletons, scoped, ScopeFactory);

    private ServiceRegistry(Dictionary<Type, object> singletons, IServiceProvider scoped, IServiceScopeFactory? factory)
    {
        _singletons = singletons;
        _fallback = scoped;
        ScopeFactory = factory;
    }

    public object? GetService(Type serviceType)
    {
        if (_singletons.TryGetValue(serviceType, out var service)) return service;
        if (serviceType == typeof(IServiceProvider)) return this;
        return _fallback?.GetService(serviceType);
    }
}
