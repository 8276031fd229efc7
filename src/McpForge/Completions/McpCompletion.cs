using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Completions;

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
