using System.Collections.Immutable;
using System.Composition;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpForge.CodeFixes;

/// <summary>MCPF0005: replaces an invalid tool name with the nearest valid one (<c>"get forecast!"</c> → <c>"get_forecast"</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ToolNameCodeFix)), Shared]
public sealed class ToolNameCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.InvalidToolNameId];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span) is not AttributeArgumentSyntax { Expression: LiteralExpressionSyntax literal }
            || !literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            return;
        }
        var method = literal.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        var name = ValidName(literal.Token.ValueText, method?.Identifier.ValueText ?? "tool");
        context.RegisterCodeFix(
            CodeAction.Create($"Rename the tool to '{name}'", ct => RenameAsync(context.Document, literal, name, ct), nameof(ToolNameCodeFix)),
            context.Diagnostics);
    }

    private static async Task<Document> RenameAsync(Document document, LiteralExpressionSyntax literal, string name, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name)).WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root!.ReplaceNode(literal, replacement));
    }

    /// <summary>Lower-cases, turns every run of characters outside <c>A-Za-z0-9_-.</c> into one <c>_</c>, trims, cuts at 128.</summary>
    internal static string ValidName(string name, string fallback)
    {
        var result = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            var ok = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '.';
            if (ok) result.Append(char.ToLowerInvariant(c));
            else if (result.Length > 0 && result[result.Length - 1] != '_') result.Append('_');
        }
        var text = result.ToString().Trim('_');
        if (text.Length == 0) text = Generators.Helpers.ToolNames.FromMethodName(fallback);
        return text.Length > 128 ? text.Substring(0, 128) : text;
    }
}
