using System;

namespace McpForge;

/// <summary>
/// Marks a method that suggests values for one argument of a prompt, or one variable of a resource template, in
/// answer to <c>completion/complete</c>. It takes the partial <c>string value</c> typed so far, and optionally the
/// arguments already resolved (<c>IReadOnlyDictionary&lt;string, string&gt; context</c>) and a
/// <c>CancellationToken</c>; it returns the candidate values (<c>IEnumerable&lt;string&gt;</c>, optionally in a task).
/// It must be declared in the class that declares the prompt or template. Enum arguments complete without one.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class McpCompletionAttribute(string reference, string argument) : Attribute
{
    /// <summary>The prompt's name, or the resource template (<c>users://{id}/profile</c>).</summary>
    public string Reference { get; } = reference;

    /// <summary>The argument or template variable whose values it suggests.</summary>
    public string Argument { get; } = argument;
}
