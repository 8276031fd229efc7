using System.Diagnostics;

namespace McpForge.Generators.Model;

/// <summary>What holds a value a binder reads: a tool's argument, or a member of a user type.</summary>
internal enum SlotKind
{
    /// <summary>A tool argument: repeated, it is an "argument given more than once".</summary>
    Argument,
    /// <summary>A member of a record, class or struct: repeated, it is a "property given more than once".</summary>
    Member,
}

/// <summary>
/// A kind of slot binders read into: an argument or a member, and whether it holds a nullable struct (which is read as
/// the struct, then stored). The shared serializers have one generic slot reader per slot spec in use
/// (<c>ReadArgument&lt;T&gt;</c>, <c>ReadNullableMember&lt;T&gt;</c>), which every binder of the assembly calls.
/// </summary>
/// <remarks>Cache contract: equal by value.</remarks>
[DebuggerDisplay("{Kind} nullable struct={IsNullableStruct}")]
internal sealed record SlotSpec(SlotKind Kind, bool IsNullableStruct);
