using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>
/// Everything the assembly's shared serializers (<c>McpForge.Generated.McpForgeJson</c>) cover: every user type any
/// tool or form reaches, which value shapes need a reader (they are read from arguments) or a writer (they are
/// returned), and which slots binders read into (<see cref="SlotSpec"/>), each once however many tools use them.
/// </summary>
/// <remarks>Cache contract: equatable arrays of specs, sorted by name; no symbols.</remarks>
[DebuggerDisplay("{Objects.Count} objects, {Reads.Count} read, {Writes.Count} written, {Slots.Count} slots")]
/// <param name="Validators">The DataAnnotations attributes whose own check generated code calls (<c>Phone</c>, <c>CreditCard</c>).</param>
internal sealed record SerializerSpec(EquatableArray<ObjectSpec> Objects, EquatableArray<ValueSpec> Reads, EquatableArray<ValueSpec> Writes,
    EquatableArray<SlotSpec> Slots, EquatableArray<string> Validators)
{
    public bool IsEmpty => Reads.Count == 0 && Writes.Count == 0 && Slots.Count == 0;
}
