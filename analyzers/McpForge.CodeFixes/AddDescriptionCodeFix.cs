using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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

/// <summary>MCPF0010: adds a doc comment with a <c>&lt;summary&gt;</c> and a <c>&lt;param&gt;</c> per parameter, to fill in.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddDescriptionCodeFix)), Shared]
public sealed class AddDescriptionCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.MissingDescriptionId];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var method = root?.FindNode(context.Span).FirstAncestorOrSelf<MethodDeclarationSyntax>();
        if (method is null) return;
        context.RegisterCodeFix(
            CodeAction.Create("Add a doc comment describing the tool", ct => AddDocCommentAsync(context.Document, method, ct), nameof(AddDescriptionCodeFix)),
            context.Diagnostics);
    }

    private static async Task<Document> AddDocCommentAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var indentation = method.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToString();
        var comment = new StringBuilder();
        comment.Append("/// <summary>Describe what ").Append(method.Identifier.ValueText).Append(" does and when a model should call it.</summary>\n");
        foreach (var parameter in method.ParameterList.Parameters)
        {
            var type = parameter.Type?.ToString();
            if (type is "CancellationToken" or "McpContext" or "IServiceProvider" || parameter.AttributeLists.Any(l => l.Attributes.Any(a => a.Name.ToString().Contains("FromServices"))))
            {
                continue; // Not arguments: they never reach the schema.
            }
            comment.Append(indentation).Append("/// <param name=\"").Append(parameter.Identifier.ValueText).Append("\">Describe ")
                .Append(parameter.Identifier.ValueText).Append(".</param>\n");
        }
        comment.Append(indentation);
        var trivia = SyntaxFactory.ParseLeadingTrivia(comment.ToString());
        var leading = method.GetLeadingTrivia();
        var updated = method.WithLeadingTrivia(leading.AddRange(trivia));
        return document.WithSyntaxRoot(root!.ReplaceNode(method, updated));
    }
}
