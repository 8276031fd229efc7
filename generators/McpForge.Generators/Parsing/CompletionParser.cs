using System.Collections.Generic;
using System.Linq;
using System.Threading;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpForge.Generators.Parsing;

/// <summary>Turns one <c>[McpCompletion]</c> of a method (a method may carry several) into a <see cref="CompletionSpec"/>; shared with the analyzers.</summary>
internal static class CompletionParser
{
    public static ComponentParse<CompletionSpec> Parse(IMethodSymbol method, AttributeData attribute, SyntaxNode declaration, Compilation compilation,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var location = method.Locations.FirstOrDefault();
        var type = ComponentTypeParser.Parse(method.ContainingType, compilation, diagnostics, cancellationToken);
        var reference = attribute.ConstructorArguments.Length == 2 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
        var argument = attribute.ConstructorArguments.Length == 2 ? attribute.ConstructorArguments[1].Value as string ?? "" : "";

        var arguments = new List<string>();
        var sawValue = false;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind == RefKind.None && parameter.Type.SpecialType == SpecialType.System_String && !sawValue)
            {
                sawValue = true;
                arguments.Add("__value");
            }
            else if (IsContext(parameter.Type)) arguments.Add("__context");
            else if (SymbolNames.Is(parameter.Type, TypeNames.CancellationToken)) arguments.Add("__cancellationToken");
            else if (SymbolNames.Is(parameter.Type, TypeNames.IServiceProvider)) arguments.Add("__services");
            else
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCompletionMethod, parameter.Locations.FirstOrDefault(), method.Name,
                    $"parameter '{parameter.Name}' is not the value (string), the context (IReadOnlyDictionary<string, string>) or a CancellationToken"));
            }
        }
        if (!sawValue)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCompletionMethod, location, method.Name, "it has no string parameter for the value typed so far"));
        }

        var returnType = method.ReturnType;
        var isAsync = false;
        if (returnType is INamedTypeSymbol named
            && (SymbolNames.IsGeneric(named, TypeNames.Task, 1) || SymbolNames.IsGeneric(named, TypeNames.ValueTask, 1)))
        {
            isAsync = true;
            returnType = named.TypeArguments[0];
        }
        var enumerables = returnType.AllInterfaces.AsEnumerable();
        if (returnType is INamedTypeSymbol self) enumerables = enumerables.Append(self);
        var returnsStrings = returnType.SpecialType != SpecialType.System_String && enumerables.Any(i =>
            i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T && i.TypeArguments[0].SpecialType == SpecialType.System_String);
        if (!returnsStrings)
        {
            var returnLocation = declaration is MethodDeclarationSyntax m ? m.ReturnType.GetLocation() : location;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCompletionMethod, returnLocation, method.Name,
                $"it returns '{method.ReturnType.ToDisplayString()}'; return IEnumerable<string> (or a Task of it)"));
        }

        var completion = DiagnosticInfo.AnyError(diagnostics) ? null : new CompletionSpec
        {
            MethodName = method.Name,
            Reference = reference,
            Argument = argument,
            IsStatic = method.IsStatic,
            IsAsync = isAsync,
            Arguments = arguments.ToEquatableArray(),
            Order = DeclarationOrders.Of(declaration, Index(method, attribute)),
        };
        return new ComponentParse<CompletionSpec>(type, completion, diagnostics.ToEquatableArray());
    }

    private static int Index(IMethodSymbol method, AttributeData attribute)
    {
        var index = 0;
        foreach (var candidate in method.GetAttributes())
        {
            if (ReferenceEquals(candidate, attribute)) return index;
            if (SymbolNames.IsAttribute(candidate, TypeNames.McpCompletionAttribute)) index++;
        }
        return index;
    }

    /// <summary><c>IReadOnlyDictionary&lt;string, string&gt;</c>: the other arguments already given.</summary>
    private static bool IsContext(ITypeSymbol type) =>
        SymbolNames.IsGeneric(type, "System.Collections.Generic.IReadOnlyDictionary", 2)
        && ((INamedTypeSymbol)type).TypeArguments.All(a => a.SpecialType == SpecialType.System_String);
}
