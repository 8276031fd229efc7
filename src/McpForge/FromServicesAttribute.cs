using System;

namespace McpForge;

/// <summary>
/// Marks a tool parameter as a service resolved from the server's <see cref="IServiceProvider"/> rather than
/// an argument sent by the client. It is kept out of the tool's input schema.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class FromServicesAttribute : Attribute
{
}
