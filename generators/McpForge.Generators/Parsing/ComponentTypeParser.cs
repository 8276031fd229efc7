using System.Collections.Generic;
using System.Linq;
using System.Threading;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;

namespace McpForge.Generators.Parsing;

/// <summary>
/// Checks that a class can hold MCP components (tools, prompts, resources, completions) and describes it: where it is
/// declared, how generated code creates an instance, and how that instance is disposed.
/// </summary>
internal static class ComponentTypeParser
{
    /// <summary>
    /// The class's spec with no components yet, or null with a problem added to <paramref name="diagnostics"/>; worked out
    /// once per class and compilation (<see cref="ParseCache"/>), however many components the class declares.
    /// </summary>
    public static ComponentTypeSpec? Parse(INamedTypeSymbol type, Compilation compilation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var (spec, problems) = ParseCache.For(compilation).ComponentTypes.GetOrAdd(type, t =>
        {
            var found = new List<DiagnosticInfo>();
            return (Parse(t, found, cancellationToken), found);
        });
        diagnostics.AddRange(problems);
        return spec;
    }

    private static ComponentTypeSpec? Parse(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (type.IsStatic || type.TypeKind != TypeKind.Class || type.IsGenericType)
        {
            var what = type.IsStatic ? "static" : type.TypeKind != TypeKind.Class ? "not a class" : "generic";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidComponentType, type.Locations.FirstOrDefault(), type.ToDisplayString(), what));
            return null;
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (!HierarchyParser.IsPartial(current, cancellationToken))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ComponentTypeNotPartial, current.Locations.FirstOrDefault(), current.ToDisplayString()));
                return null;
            }
            if (current.IsGenericType)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidComponentType, current.Locations.FirstOrDefault(), current.ToDisplayString(), "generic"));
                return null;
            }
        }

        var constructor = ChooseConstructor(type);
        return new ComponentTypeSpec
        {
            Hierarchy = HierarchyParser.Parse(type),
            ConstructorServiceTypes = (constructor?.Parameters.Select(p => SupportedTypes.FullName(p.Type)) ?? Enumerable.Empty<string>()).ToEquatableArray(),
            IsDisposable = type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_IDisposable),
            IsAsyncDisposable = type.AllInterfaces.Any(i => SymbolNames.Is(i, TypeNames.IAsyncDisposable)),
        };
    }

    /// <summary>The constructor generated code calls for instance components: the only one, or the public one with the most parameters.</summary>
    private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type)
    {
        var constructors = type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared || c.Parameters.Length == 0).ToList();
        if (constructors.Count == 1) return constructors[0];
        return constructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault() ?? constructors.FirstOrDefault();
    }
}
