using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>
/// Everything the assembly's shared serializers (<c>McpForge.Generated.McpForgeJson</c>) cover: every user type any
/// tool or form reaches, and which value shapes need a reader (they are read from arguments) or a writer (they are
/// returned), each once however many tools use them.
/// </summary>
/// <remarks>Cache contract: equatable arrays of specs, sorted by type name; no symbols.</remarks>
[DebuggerDisplay("{Objects.Count} objects, {Reads.Count} read, {Writes.Count} written")]
internal sealed record SerializerSpec(EquatableArray<ObjectSpec> Objects, EquatableArray<ValueSpec> Reads, EquatableArray<ValueSpec> Writes)
{
    public bool IsEmpty => Reads.Count == 0 && Writes.Count == 0;
}
