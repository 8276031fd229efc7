using System.Collections.Generic;
using System.Linq;
using McpForge.Generators.Model;

namespace McpForge.Generators.Emitting;

/// <summary>
/// Writes the one loop that binds a JSON object's properties to locals, for every reader that needs one: a tool's
/// arguments, a prompt's arguments and a user type's members. It declares the locals, reads each known property with
/// its slot's statement, hands any other to the object's handler of unknown properties, reports the required ones that
/// are missing, and checks the DataAnnotations of those that read well.
/// </summary>
internal static class BinderEmitter
{
    /// <summary>How one object is walked: the reader local, the loop's condition, and the statement for an unknown property.</summary>
    /// <param name="Reader">The <c>Utf8JsonReader</c> local, on the object's start.</param>
    /// <param name="Context">The <c>JsonReadContext</c> errors are recorded on.</param>
    /// <param name="Next">The loop's condition: true on each property name, false after the last.</param>
    /// <param name="Unknown">The statement for a property that is not a slot (the reader on its name).</param>
    public sealed record Loop(string Reader, string Context, string Next, string Unknown);

    /// <summary>
    /// One property the loop binds, to the local <paramref name="Local"/> declared <paramref name="Declaration"/>
    /// (<c>int a = default;</c>), with the flag <paramref name="Given"/> (<c>null</c>: the slot needs none).
    /// </summary>
    /// <param name="Read">The statement that reads the property's value (the reader on its name); it sets the flags.</param>
    /// <param name="Missing">The statement for a required property that is absent, or null when it is optional.</param>
    /// <param name="MissingUnlessNullable">The property may be left out when the context says absent nullables are null.</param>
    /// <param name="Valid">The flag the read statement sets when the value read well, for <paramref name="Constraints"/>.</param>
    public sealed record Slot(string JsonName, string Local, string Declaration, string? Given, string Read, string? Missing,
        bool MissingUnlessNullable, string? Valid = null, ConstraintSpec? Constraints = null, ValueSpec? Value = null, bool IsNullable = false,
        string? PatternField = null);

    /// <summary>Declarations, the loop, the missing and the checks; <paramref name="skipped"/> are read-only members, skipped without error.</summary>
    public static void Emit(SourceWriter w, Loop loop, IReadOnlyList<Slot> slots, IReadOnlyList<string>? skipped = null)
    {
        foreach (var slot in slots)
        {
            w.WriteLine(slot.Declaration);
            if (slot.Given is not null) w.WriteLine($"var {slot.Given} = false;");
            if (slot.Valid is not null) w.WriteLine($"var {slot.Valid} = false;");
        }

        w.OpenBlock($"while ({loop.Next})");
        var first = true;
        foreach (var slot in slots)
        {
            w.OpenBlock($"{(first ? "" : "else ")}if ({loop.Reader}.ValueTextEquals({CSharpLiteral.Utf8(slot.JsonName)}))");
            w.WriteLine(slot.Read);
            w.CloseBlock();
            first = false;
        }
        if (skipped is { Count: > 0 })
        {
            // Read-only members are written by the writer; reading one back is no error, and it is skipped.
            w.OpenBlock($"{(first ? "" : "else ")}if ({string.Join(" || ", skipped.Select(name => $"{loop.Reader}.ValueTextEquals({CSharpLiteral.Utf8(name)})"))})");
            w.WriteLine($"{loop.Reader}.Read();");
            w.WriteLine($"{loop.Reader}.Skip();");
            w.CloseBlock();
            first = false;
        }
        if (first)
        {
            w.WriteLine(loop.Unknown);
        }
        else
        {
            w.OpenBlock("else");
            w.WriteLine(loop.Unknown);
            w.CloseBlock();
        }
        w.CloseBlock();

        foreach (var slot in slots.Where(s => s.Missing is not null))
        {
            // Under the LLM-friendly schema style a nullable slot is optional, and leaving it out means null.
            w.OpenBlock(slot.MissingUnlessNullable ? $"if (!{slot.Given} && !{loop.Context}.AbsentNullableIsNull)" : $"if (!{slot.Given})");
            w.WriteLine(slot.Missing!);
            w.CloseBlock();
        }

        var constrained = slots.Where(s => s.Constraints is not null).ToList();
        if (constrained.Count > 0)
        {
            w.WriteLine("// DataAnnotations of the values given that read well.");
            foreach (var slot in constrained)
            {
                w.OpenBlock($"if ({slot.Valid})");
                ValueCode.Checks(w, slot.Constraints!, slot.Value!, slot.IsNullable, loop.Context, slot.JsonName, slot.Local, slot.PatternField);
                w.CloseBlock();
            }
        }
    }

    /// <summary>The slot of a tool argument or a member (<paramref name="kind"/>), read by the shared serializers' slot reader of its kind.</summary>
    /// <param name="initial">The C# value the local starts from (an optional one's default), or null for the type's default.</param>
    public static Slot JsonSlot(SlotKind kind, string jsonName, string local, string given, string valid, string declaredType, string? initial,
        ValueSpec value, bool nullable, bool required, string? missing, Loop loop, ConstraintSpec? constraints, string? patternField)
    {
        var call = SlotReaders.Call(kind, value, nullable, optional: !required, loop.Reader, loop.Context, jsonName, given, local, inside: kind == SlotKind.Member);
        return new Slot(
            jsonName,
            local,
            $"{declaredType} {local} = {initial ?? DefaultOf(value, nullable)};",
            given,
            constraints is null ? call : $"{valid} = {call}",
            required ? missing : null,
            MissingUnlessNullable: nullable && constraints?.NotNull != true,
            constraints is null ? null : valid,
            constraints,
            value,
            nullable,
            patternField);
    }

    /// <summary>The value a local starts from: <c>null</c> where it may be null, <c>default</c> for a struct, <c>default!</c> for a reference it will hold.</summary>
    public static string DefaultOf(ValueSpec value, bool nullable) =>
        nullable ? "null" : value.IsValueType ? "default" : "default!";
}
