using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpForge.Generators.Helpers;

/// <summary>
/// Reads <c>&lt;summary&gt;</c>, <c>&lt;param&gt;</c> and <c>&lt;returns&gt;</c> from the XML doc comment of a method, type or
/// property as plain text. (A record's primary constructor parameters are described by the <c>&lt;param&gt;</c> tags of
/// the record's own comment.)
/// </summary>
/// <remarks>
/// The comment is read from the declaration's <c>///</c> lines as written, through the compiler's own parse of doc
/// comment XML, not from its documentation output: that works the same whether or not the project generates a
/// documentation file, and costs neither the binding of crefs nor an XML reader, which on every keystroke would be
/// most of what parsing a tool costs. A cref reads as its last name (<c>&lt;see cref="System.IO.Path"/&gt;</c> is
/// "Path"); an <c>&lt;include&gt;</c> is not followed.
/// </remarks>
internal sealed class DocComments
{
    private static readonly DocComments s_none = new(null);
    private static readonly CSharpParseOptions s_parseComments = CSharpParseOptions.Default.WithDocumentationMode(DocumentationMode.Parse);

    // The text read from each declaration, for as long as its syntax tree lives: an unchanged file keeps its tree from one
    // compilation to the next, so on a keystroke elsewhere its comments are not walked again (the compiler holds the
    // structure of a comment only weakly, and would rebuild it).
    private static readonly ConditionalWeakTable<SyntaxNode, DocComments> s_read = new();
    private static readonly ConditionalWeakTable<SyntaxNode, DocComments>.CreateValueCallback s_readCallback = Read;

    private readonly (string Name, string? Text)[] _params;

    private DocComments(DocumentationCommentTriviaSyntax? comment)
    {
        if (comment is null)
        {
            _params = Array.Empty<(string, string?)>();
            return;
        }
        HasComment = true;
        // The first element of each kind counts, as the compiler's documentation output lists them.
        var parameters = new List<(string Name, string? Text)>();
        bool hasSummary = false, hasReturns = false;
        foreach (var node in comment.Content)
        {
            if (node is not XmlElementSyntax element) continue;
            switch (element.StartTag.Name.LocalName.ValueText)
            {
                case "summary" when !hasSummary:
                    hasSummary = true;
                    Summary = Text(element);
                    break;
                case "returns" when !hasReturns:
                    hasReturns = true;
                    Returns = Text(element);
                    break;
                case "param" when NameAttribute(element.StartTag.Attributes) is { } name && !parameters.Exists(p => p.Name == name):
                    parameters.Add((name, Text(element)));
                    break;
            }
        }
        _params = parameters.ToArray();
    }

    /// <summary>The declaration has a doc comment (which may still say nothing).</summary>
    public bool HasComment { get; }

    public string? Summary { get; }

    public string? Returns { get; }

    public string? Param(string name)
    {
        foreach (var (paramName, text) in _params)
        {
            if (paramName == name) return text;
        }
        return null;
    }

    /// <summary>The doc comment on <paramref name="declaration"/>, or one that has nothing.</summary>
    public static DocComments For(SyntaxNode? declaration) => declaration is null ? s_none : s_read.GetValue(declaration, s_readCallback);

    /// <summary>The doc comment of <paramref name="symbol"/>: the first of its declarations (a partial type has several) that has one.</summary>
    public static DocComments For(ISymbol symbol, CancellationToken cancellationToken)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            var comments = For(reference.GetSyntax(cancellationToken));
            if (comments.HasComment) return comments;
        }
        return s_none;
    }

    private static DocComments Read(SyntaxNode declaration)
    {
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            if (trivia.GetStructure() is DocumentationCommentTriviaSyntax comment)
            {
                return new DocComments(comment);
            }
        }
        // Without a documentation file the compiler keeps /// lines as plain comments: parse them as a doc comment.
        StringBuilder? text = null;
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && trivia.ToString() is var line && line.StartsWith("///", StringComparison.Ordinal))
            {
                (text ??= new StringBuilder()).Append(line).Append('\n');
            }
        }
        if (text is null) return s_none;
        // The comment leads a placeholder declaration, so that the parser reads it as that declaration's doc comment.
        foreach (var trivia in SyntaxFactory.ParseCompilationUnit(text.Append("class C { }").ToString(), options: s_parseComments).GetLeadingTrivia())
        {
            if (trivia.GetStructure() is DocumentationCommentTriviaSyntax parsed) return new DocComments(parsed);
        }
        return s_none;
    }

    private static string? NameAttribute(SyntaxList<XmlAttributeSyntax> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (attribute is XmlNameAttributeSyntax name) return name.Identifier.Identifier.ValueText;
        }
        return null;
    }

    private static string? Text(XmlElementSyntax element)
    {
        var text = new PlainText(s_scratch ??= new StringBuilder());
        Append(ref text, element.Content);
        return text.ToStringAndClear();
    }

    // One builder per thread, reused: descriptions are read for every tool, record and member on every keystroke.
    [ThreadStatic] private static StringBuilder? s_scratch;

    private static void Append(ref PlainText text, SyntaxList<XmlNodeSyntax> content)
    {
        foreach (var node in content)
        {
            switch (node)
            {
                case XmlTextSyntax t:
                    foreach (var token in t.TextTokens) text.Append(token.IsKind(SyntaxKind.XmlTextLiteralNewLineToken) ? " " : token.ValueText);
                    break;
                case XmlCDataSectionSyntax cdata:
                    foreach (var token in cdata.TextTokens) text.Append(token.ValueText);
                    break;
                case XmlEmptyElementSyntax empty:
                    text.Append(EmptyElementText(empty.Name.LocalName.ValueText, empty.Attributes));
                    break;
                case XmlElementSyntax element:
                    var name = element.StartTag.Name.LocalName.ValueText;
                    if (name == "para") text.Append(" ");
                    var before = text.Length;
                    Append(ref text, element.Content);
                    // <see cref="X">shown text</see> shows its text; an empty <see cref="X"></see> shows X.
                    if (text.Length == before) text.Append(EmptyElementText(name, element.StartTag.Attributes));
                    if (name == "para") text.Append(" ");
                    break;
            }
        }
    }

    /// <summary>What an element without content stands for: a cref's last name, a langword, a link, a parameter's name.</summary>
    private static string EmptyElementText(string name, SyntaxList<XmlAttributeSyntax> attributes)
    {
        switch (name)
        {
            case "see" or "seealso":
                foreach (var attribute in attributes)
                {
                    switch (attribute)
                    {
                        case XmlCrefAttributeSyntax cref:
                            return ShortName(cref.Cref.ToString());
                        case XmlTextAttributeSyntax { Name.LocalName.ValueText: "langword" or "href" } value:
                            return string.Concat(value.TextTokens.Select(t => t.ValueText));
                    }
                }
                return string.Empty;
            case "paramref" or "typeparamref":
                return NameAttribute(attributes) ?? string.Empty;
            default:
                return string.Empty;
        }
    }

    /// <summary>Text as it is appended, with each run of white space made one space and none at either end.</summary>
    private struct PlainText(StringBuilder builder)
    {
        private bool _pendingSpace;

        /// <summary>How much has been written (a pending space not counted).</summary>
        public readonly int Length => builder.Length;

        public void Append(string text)
        {
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    _pendingSpace = builder.Length > 0;
                    continue;
                }
                if (_pendingSpace) builder.Append(' ');
                _pendingSpace = false;
                builder.Append(c);
            }
        }

        /// <summary>The text, or null when there is none; the builder is left empty for the next use.</summary>
        public readonly string? ToStringAndClear()
        {
            var result = builder.Length == 0 ? null : builder.ToString();
            builder.Clear();
            return result;
        }
    }

    private static string ShortName(string cref)
    {
        var paren = cref.IndexOf('(');
        if (paren >= 0) cref = cref.Substring(0, paren);
        var dot = cref.LastIndexOf('.');
        return dot >= 0 ? cref.Substring(dot + 1) : cref;
    }
}
