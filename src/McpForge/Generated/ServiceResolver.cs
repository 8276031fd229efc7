using System;
using System.ComponentModel;
using McpForge.Server;

namespace McpForge.Generated;

/// <summary>Resolves services for generated code, with an error that names the missing type.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
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
