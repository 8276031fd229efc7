using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace McpForge.Generators.Incremental;

/// <summary>
/// Everything of a compilation that a component's parse can depend on besides the component's own declaration: the
/// compilation's options, assembly name and references, and every syntax tree as declarations (its text without the
/// bodies of methods, constructors, operators and accessors, without the statements of a top-level program, and without
/// the comments above ordinary methods). Two compilations whose worlds are the same bind every declaration alike, so a
/// component whose own syntax node is unchanged parses to the same spec in both (<see cref="ComponentMemo{TSpec}"/>).
/// </summary>
/// <remarks>
/// <para>
/// Why this is sound: a parser reads symbols (types, signatures, attributes and their arguments, constants, default
/// values, base types, members of the types a component reaches), which are bound from declarations and references
/// only, never from a method body; and it reads doc comments of the component's own declaration and of the types and
/// properties it reaches, never of another method. The comments above an ordinary method are read only when that
/// method is parsed, and its syntax node is then new.
/// </para>
/// <para>
/// Cheap by construction: a world holds the compilation's trees, not their text; a tree's declaration text is worked
/// out only when two worlds differ in that tree (the file just edited), once per tree. A build, which runs the
/// generator once, never computes one.
/// </para>
/// </remarks>
internal sealed class DeclarationWorld
{
    private static readonly ConditionalWeakTable<Compilation, DeclarationWorld> s_worlds = new();
    private static readonly ConditionalWeakTable<SyntaxTree, string> s_declarations = new();
    private static readonly ConditionalWeakTable<SyntaxTree, string>.CreateValueCallback s_declare = Declarations;

    private readonly ImmutableArray<SyntaxTree> _trees;
    private readonly CompilationOptions _options;
    private readonly string? _assemblyName;
    private readonly ImmutableArray<MetadataReference> _references;

    // The last world this one was compared with and the answer: every component of one run compares its remembered
    // world (nearly always the same instance, the previous run's) with this run's, so the comparison is made once. Held
    // weakly: each world would otherwise keep the one before it, and its trees, alive, edit after edit.
    private Comparison? _last;

    private DeclarationWorld(Compilation compilation)
    {
        _trees = compilation.SyntaxTrees is ImmutableArray<SyntaxTree> trees ? trees : compilation.SyntaxTrees.ToImmutableArray();
        _options = compilation.Options;
        _assemblyName = compilation.AssemblyName;
        _references = compilation.References.ToImmutableArray();
    }

    /// <summary>The world of <paramref name="compilation"/>, made once per compilation.</summary>
    public static DeclarationWorld Of(Compilation compilation) => s_worlds.GetValue(compilation, static c => new DeclarationWorld(c));

    /// <summary>Every declaration of this world is bound as in <paramref name="other"/>'s.</summary>
    public bool SameAs(DeclarationWorld other)
    {
        if (ReferenceEquals(this, other)) return true;
        var last = _last;
        if (last is not null && last.Other.TryGetTarget(out var compared) && ReferenceEquals(compared, other)) return last.Same;
        var same = Compare(other);
        _last = new Comparison(other, same);
        return same;
    }

    private bool Compare(DeclarationWorld other)
    {
        if (_trees.Length != other._trees.Length || _references.Length != other._references.Length) return false;
        if (!string.Equals(_assemblyName, other._assemblyName, StringComparison.Ordinal) || !_options.Equals(other._options)) return false;
        for (var i = 0; i < _references.Length; i++)
        {
            if (!ReferenceEquals(_references[i], other._references[i])) return false;
        }
        for (var i = 0; i < _trees.Length; i++)
        {
            var tree = _trees[i];
            var otherTree = other._trees[i];
            if (ReferenceEquals(tree, otherTree)) continue;
            if (!string.Equals(tree.FilePath, otherTree.FilePath, StringComparison.Ordinal) || !tree.Options.Equals(otherTree.Options)) return false;
            if (!string.Equals(DeclarationsOf(tree), DeclarationsOf(otherTree), StringComparison.Ordinal)) return false;
        }
        return true;
    }

    /// <summary>The text of <paramref name="tree"/> that declares something (see the class remarks), worked out once per tree.</summary>
    internal static string DeclarationsOf(SyntaxTree tree) => s_declarations.GetValue(tree, s_declare);

    private static string Declarations(SyntaxTree tree)
    {
        var root = tree.GetRoot();
        var left = new List<TextSpan>();
        var hasTopLevelStatements = false;
        foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax
            or BasePropertyDeclarationSyntax or AccessorListSyntax))
        {
            switch (node)
            {
                case GlobalStatementSyntax statement:
                    hasTopLevelStatements = true;
                    Leave(left, statement);
                    break;
                case MethodDeclarationSyntax method:
                    foreach (var trivia in method.GetLeadingTrivia())
                    {
                        if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)
                            || trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
                        {
                            left.Add(trivia.FullSpan);
                        }
                    }
                    AddBody(left, method.Body, method.ExpressionBody);
                    break;
                case BaseMethodDeclarationSyntax member: // constructors, destructors, operators, conversions
                    AddBody(left, member.Body, member.ExpressionBody);
                    break;
                case AccessorDeclarationSyntax accessor:
                    AddBody(left, accessor.Body, accessor.ExpressionBody);
                    break;
                case PropertyDeclarationSyntax { ExpressionBody: { } body }:
                    Leave(left, body);
                    break;
                case IndexerDeclarationSyntax { ExpressionBody: { } body }:
                    Leave(left, body);
                    break;
            }
        }

        var text = tree.GetText();
        var builder = new StringBuilder(text.Length);
        var position = 0;
        left.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        foreach (var span in left)
        {
            if (span.Start < position) continue; // inside a span already left out
            builder.Append(text.ToString(TextSpan.FromBounds(position, span.Start))).Append('\u0001');
            position = span.End;
        }
        builder.Append(text.ToString(TextSpan.FromBounds(position, text.Length)));
        if (hasTopLevelStatements) builder.Append("\u0002top-level statements");
        return builder.ToString();
    }

    private static void AddBody(List<TextSpan> left, BlockSyntax? body, ArrowExpressionClauseSyntax? expressionBody)
    {
        if (body is not null) Leave(left, body);
        if (expressionBody is not null) Leave(left, expressionBody);
    }

    /// <summary>
    /// Leaves <paramref name="node"/> out, unless it holds a directive: a <c>#nullable</c> (or <c>#if</c>, <c>#pragma</c>)
    /// inside a body still applies to the declarations after it.
    /// </summary>
    private static void Leave(List<TextSpan> left, SyntaxNode node)
    {
        if (!node.ContainsDirectives) left.Add(node.Span);
    }

    private sealed class Comparison(DeclarationWorld other, bool same)
    {
        public WeakReference<DeclarationWorld> Other { get; } = new(other);

        public bool Same { get; } = same;
    }
}
