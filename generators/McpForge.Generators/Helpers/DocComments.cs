using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace McpForge.Generators.Helpers;

/// <summary>
/// Reads <c>&lt;summary&gt;</c>, <c>&lt;param&gt;</c> and <c>&lt;returns&gt;</c> from the XML doc comment of a method, type or property as plain
/// text. Works whether or not the project generates a documentation file: without one, the compiler does not
/// parse doc comments, so the comment is read from the declaration's leading trivia instead. (A record's primary
/// constructor parameters are described by the <c>&lt;param&gt;</c> tags of the record's own comment.)
/// </summary>
internal sealed class DocComments
{
    private static readonly Regex s_whitespace = new(@"\s+");
    private readonly XElement? _root;

    private DocComments(XElement? root) => _root = root;

    public static DocComments For(ISymbol symbol, SyntaxNode? declaration, System.Threading.CancellationToken cancellationToken)
    {
        var xml = symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken);
        if (string.IsNullOrWhiteSpace(xml) && declaration is not null)
        {
            xml = FromTrivia(declaration);
        }
        if (string.IsNullOrWhiteSpace(xml))
        {
            return new DocComments(null);
        }
        try
        {
            return new DocComments(XElement.Parse(xml, LoadOptions.None));
        }
        catch (System.Xml.XmlException)
        {
            return new DocComments(null); // A malformed comment gives no description rather than a broken build.
        }
    }

    public string? Summary => Text(_root?.Element("summary"));

    public string? Returns => Text(_root?.Element("returns"));

    public string? Param(string name) =>
        Text(_root?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == name));

    private static string? FromTrivia(SyntaxNode declaration)
    {
        var lines = new StringBuilder();
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            if (!trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) && !trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
            {
                continue;
            }
            foreach (var raw in trivia.ToFullString().Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith("///", StringComparison.Ordinal))
                {
                    lines.Append(line.Substring(3)).Append('\n');
                }
            }
        }
        return lines.Length == 0 ? null : "<member>" + lines + "</member>";
    }

    private static string? Text(XElement? element)
    {
        if (element is null) return null;
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText t:
                    text.Append(t.Value);
                    break;
                case XElement e when e.Name == "see" || e.Name == "seealso":
                    var cref = (string?)e.Attribute("cref") ?? (string?)e.Attribute("langword") ?? (string?)e.Attribute("href") ?? e.Value;
                    text.Append(e.Value.Length > 0 ? e.Value : ShortName(cref));
                    break;
                case XElement e when e.Name == "paramref" || e.Name == "typeparamref":
                    text.Append((string?)e.Attribute("name"));
                    break;
                case XElement e when e.Name == "para":
                    text.Append(' ').Append(Text(e)).Append(' ');
                    break;
                case XElement e:
                    text.Append(e.Value);
                    break;
            }
        }
        var result = s_whitespace.Replace(text.ToString(), " ").Trim();
        return result.Length == 0 ? null : result;
    }

    private static string ShortName(string cref)
    {
        var colon = cref.IndexOf(':');
        if (colon >= 0) cref = cref.Substring(colon + 1);
        var paren = cref.IndexOf('(');
        if (paren >= 0) cref = cref.Substring(0, paren);
        var dot = cref.LastIndexOf('.');
        return dot >= 0 ? cref.Substring(dot + 1) : cref;
    }
}
