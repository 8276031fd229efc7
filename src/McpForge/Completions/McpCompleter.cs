using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Completions;

/// <summary>Suggests values for one argument; generated from an <see cref="McpCompletionAttribute"/> method.</summary>
public delegate ValueTask<IEnumerable<string>> McpCompleter(string value, IReadOnlyDictionary<string, string> context,
    IServiceProvider services, CancellationToken cancellationToken);

/// <summary>One completion method: what it completes (a prompt argument or a template variable) and how.</summary>
public sealed class McpCompletion
{
    /// <summary>A completer for <paramref name="argument"/> of the prompt named, or the template written, <paramref name="reference"/>.</summary>
    public McpCompletion(string reference, string argument, McpCompleter completer)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        ArgumentException.ThrowIfNullOrEmpty(argument);
        Reference = reference;
        Argument = argument;
        Completer = completer ?? throw new ArgumentNullException(nameof(completer));
    }

    /// <summary>The prompt name or resource template.</summary>
    public string Reference { get; }

    /// <summary>The argument or variable.</summary>
    public string Argument { get; }

    /// <summary>Suggests values.</summary>
    public McpCompleter Completer { get; }
}

/// <summary>The completion methods of one class.</summary>
public sealed class McpCompletionSet(McpCompletion[] completions)
{
    /// <summary>The completions, in declaration order.</summary>
    public ReadOnlySpan<McpCompletion> Completions => completions;
}

/// <summary>
/// Implemented by the McpForge generator on every <c>partial</c> class with <c>[McpCompletion]</c> methods;
/// <see cref="McpServerBuilder.AddCompletions{T}"/> requires it.
/// </summary>
public interface IMcpCompletionType
{
    /// <summary>The class's completion methods.</summary>
    static abstract McpCompletionSet McpCompletions { get; }
}
