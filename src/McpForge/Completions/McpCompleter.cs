using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Completions;

/// <summary>Suggests values for one argument; generated from an <see cref="McpCompletionAttribute"/> method.</summary>
public delegate ValueTask<IEnumerable<string>> McpCompleter(string value, IReadOnlyDictionary<string, string> context,
    IServiceProvider services, CancellationToken cancellationToken);
