using System;
using System.Text.Json;
using McpForge.Generated;

namespace McpForge;

/// <summary>
/// Implemented by the generator on every <c>[McpElicitationForm]</c> type: what <see cref="McpContext.ElicitAsync{T}(string, System.TimeSpan?)"/>
/// needs to ask for one and to read the answer, without reflection.
/// </summary>
public interface IMcpElicitationForm<TSelf> where TSelf : IMcpElicitationForm<TSelf>
{
    /// <summary>The form's <c>requestedSchema</c>: a flat object of primitive properties, as UTF-8 JSON.</summary>
    static abstract ReadOnlySpan<byte> RequestedSchema { get; }

    /// <summary>Reads the accepted <c>content</c>; records every problem (with its path) on <paramref name="context"/>.</summary>
    static abstract bool TryRead(ref Utf8JsonReader reader, JsonReadContext context, out TSelf value);
}
