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

/// <summary>Resolves services for generated code, with an error that names the missing type.</summary>
public static class ServiceResolver
{
    /// <summary>The service of type <typeparamref name="T"/>, or an exception saying how to register it.</summary>
    public static T GetRequired<T>(IServiceProvider provider) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.GetService(typeof(T)) is T service
            ? service
            : throw new InvalidOperationException(
                $"No service of type '{typeof(T).FullName}' is registered. Register it with McpServerBuilder.AddSingleton or UseServiceProvider.");
    }
}
