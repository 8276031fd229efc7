using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpForge.Bench.GeneratorBuildCost;

/// <summary>
/// The least a generator of <c>[McpTool]</c> methods can do: Roslyn's <c>ForAttributeWithMetadataName</c> with a transform
/// that keeps the method's name, collected, and no output. Its re-run is what finding the attributed methods costs after
/// an edit (binding each method's symbol and attributes in the new compilation), whatever the generator then does.
/// </summary>
internal sealed class FloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.ForAttributeWithMetadataName(
                "McpForge.McpToolAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, _) => ctx.TargetSymbol.Name)
            .WithTrackingName("FloorMethods")
            .Collect();
        context.RegisterSourceOutput(names, static (_, _) => { });
    }
}
