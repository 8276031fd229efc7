using System.Collections.Generic;
using System.Linq;
using System.Threading;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpForge.Generators.Parsing;

/// <summary>
/// Turns an <c>[McpElicitationForm]</c> type into a <see cref="FormSpec"/>, and reports what MCP's restricted form
/// schema cannot express (MCPF0024) or what keeps the type from being one (MCPF0025). The generator and the
/// analyzers share it, as they share every parser. A form belongs to no component class, so its parse has no type.
/// </summary>
internal static class FormParser
{
    public static ComponentParse<FormSpec> Parse(INamedTypeSymbol type, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var location = type.Locations.FirstOrDefault();
        var display = type.ToDisplayString();
        void Invalid(string why) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFormType, location, display, why));

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                Invalid("it is generic, so its schema is not known at compile time; declare a form per concrete type");
                return new ComponentParse<FormSpec>(null, null, diagnostics.ToEquatableArray());
            }
            if (!HierarchyParser.IsPartial(current, cancellationToken))
            {
                Invalid($"'{current.ToDisplayString()}' is not partial; add the 'partial' modifier so McpForge can implement IMcpElicitationForm on it");
                return new ComponentParse<FormSpec>(null, null, diagnostics.ToEquatableArray());
            }
        }

        var model = new TypeModel(compilation, cancellationToken);
        var value = model.Classify(type, out var problem);
        var spec = value is null ? null : model.Objects.FirstOrDefault(o => o.TypeName == value.TypeName);
        problem ??= value is null ? null : model.ReadProblem(value);
        if (spec is null || problem is not null)
        {
            Invalid(problem ?? "it is not a record, class or struct McpForge can read");
            return new ComponentParse<FormSpec>(null, null, diagnostics.ToEquatableArray());
        }

        diagnostics.AddRange(model.AttributeProblems);
        foreach (var member in spec.Members.Where(m => m.CanRead))
        {
            if (WhyNotInAForm(member) is { } why)
            {
                var symbol = type.GetMembers(member.Name.TrimStart('@')).FirstOrDefault();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedFormProperty, symbol?.Locations.FirstOrDefault() ?? location,
                    member.Name.TrimStart('@'), display, (symbol as IPropertySymbol)?.Type.ToDisplayString() ?? member.Value.TypeName, why));
            }
        }
        if (DiagnosticInfo.AnyError(diagnostics))
        {
            return new ComponentParse<FormSpec>(null, null, diagnostics.ToEquatableArray());
        }

        return new ComponentParse<FormSpec>(null, new FormSpec
        {
            Hierarchy = HierarchyParser.Parse(type),
            Object = spec,
            LegacyEnumNames = AttributeArguments.NamedBool(attribute, "LegacyEnumNames") is true,
        }, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// Why a member has no place in MCP's form schema (PrimitiveSchemaDefinition: a string, number, boolean, single or
    /// multiple choice), or null when it has one.
    /// </summary>
    private static string? WhyNotInAForm(MemberSpec member)
    {
        var value = member.Value;
        switch (value.Kind)
        {
            case ValueKind.String or ValueKind.Char or ValueKind.Guid or ValueKind.DateTime or ValueKind.DateTimeOffset or ValueKind.DateOnly
                or ValueKind.TimeOnly or ValueKind.TimeSpan or ValueKind.Uri or ValueKind.Boolean or ValueKind.Integer or ValueKind.Number or ValueKind.Enum:
                return null;
            case ValueKind.Array or ValueKind.List or ValueKind.Set:
                return value.Element!.Kind == ValueKind.Enum && !value.ElementNullable
                    ? null
                    : "a form's only list is a multiple choice, a list of an enum";
            case ValueKind.Object:
                return "forms are flat, so a property cannot be an object; put its properties in the form";
            case ValueKind.Dictionary:
                return "forms are flat, so a property cannot be a dictionary";
            case ValueKind.Bytes:
                return "a form has no file or binary field";
            default:
                return "a form field is a string, number, boolean or choice, not arbitrary JSON";
        }
    }
}
