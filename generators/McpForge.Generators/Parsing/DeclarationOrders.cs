using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpForge.Generators.Parsing;

/// <summary>Finds a component's <see cref="DeclarationOrder"/> from its declaration's place among its siblings.</summary>
internal static class DeclarationOrders
{
    /// <summary>
    /// The order of <paramref name="declaration"/>: its index among the attributed methods of its type declaration
    /// (plain methods do not count, so typing one above a tool moves nothing), and <paramref name="attributeIndex"/>.
    /// </summary>
    public static DeclarationOrder Of(SyntaxNode declaration, int attributeIndex = 0)
    {
        var index = 0;
        if (declaration.Parent is TypeDeclarationSyntax type)
        {
            foreach (var member in type.Members)
            {
                if (member == declaration) break;
                if (member is MethodDeclarationSyntax { AttributeLists.Count: > 0 }) index++;
            }
        }
        return new DeclarationOrder(declaration.SyntaxTree.FilePath, index, attributeIndex);
    }
}
