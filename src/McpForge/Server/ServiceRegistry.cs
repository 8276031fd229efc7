using System;
using System.Collections.Generic;

namespace McpForge.Server;

/// <summary>
/// The server's <see cref="IServiceProvider"/>: singletons registered on the builder, then an application
/// provider (such as Microsoft.Extensions.DependencyInjection's) if one was given.
/// </summary>
internal sealed class ServiceRegistry(Dictionary<Type, object> singletons, IServiceProvider? fallback) : IServiceProvider
{
    public object? GetService(Type serviceType)
    {
        if (singletons.TryGetValue(serviceType, out var service)) return service;
        if (serviceType == typeof(IServiceProvider)) return this;
        return fallback?.GetService(serviceType);
    }
}
