using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpForge.Generators.Parsing;

/// <summary>
/// Reads the <c>[McpIcon]</c> attributes of a tool, prompt, resource or template, with the rules of MCP 2025-11-25's
/// <c>Icon</c> (MCPF0033): an absolute http(s) URL or <c>data:</c> URI, a <c>type/subtype</c> MIME type, sizes
/// <c>WxH</c> or <c>any</c>, theme <c>light</c> or <c>dark</c>. One home for these rules, for generator and analyzers.
/// </summary>
internal static class IconParser
{
    private static readonly char[] s_sizeSeparators = [' ', ',', '\t'];

    /// <summary>The method's icons, in declaration order; an invalid one is reported and left out.</summary>
    public static EquatableArray<IconSpec> Parse(IMethodSymbol method, string kind, string name, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        List<IconSpec>? icons = null;
        foreach (var attribute in method.GetAttributes())
        {
            if (!SymbolNames.IsAttribute(attribute, TypeNames.McpIconAttribute)) continue;
            var src = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            var mimeType = AttributeArguments.NamedString(attribute, "MimeType");
            var sizesText = AttributeArguments.NamedString(attribute, "Sizes");
            var theme = AttributeArguments.NamedString(attribute, "Theme");
            var sizes = sizesText?.Split(s_sizeSeparators, StringSplitOptions.RemoveEmptyEntries) ?? [];

            var (argument, problem) = SourceProblem(src) is { } sourceProblem ? ((string?)null, sourceProblem)
                : mimeType is not null && !IsMimeType(mimeType) ? ("MimeType", $"its MimeType '{mimeType}' is not a type/subtype such as image/png")
                : sizesText is not null && sizes.Length == 0 ? ("Sizes", "its Sizes is empty; leave it unset for any size")
                : sizes.FirstOrDefault(s => !IsSize(s)) is { } size ? ("Sizes", $"its size '{size}' is neither WxH (such as 48x48) nor 'any'")
                : theme is not null and not ("light" or "dark") ? ("Theme", $"its Theme '{theme}' is neither 'light' nor 'dark'")
                : ((string?)null, (string?)null);
            if (problem is not null)
            {
                var location = argument is not null ? AttributeArguments.NamedArgumentLocation(attribute, argument, cancellationToken)
                    : attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
                        ? syntax.ArgumentList.Arguments[0].GetLocation()
                        : method.Locations.FirstOrDefault();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIcon, location, kind, name, problem));
                continue;
            }
            (icons ??= []).Add(new IconSpec(src!, mimeType, sizes.ToEquatableArray(), theme));
        }
        return icons is null ? EquatableArray<IconSpec>.Empty : icons.ToEquatableArray();
    }

    /// <summary>Why <paramref name="src"/> is not an icon source a client may load, or null.</summary>
    private static string? SourceProblem(string? src)
    {
        if (string.IsNullOrWhiteSpace(src)) return "its source is empty; give an https: URL or a data: URI";
        if (src!.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = src.IndexOf(',');
            return comma > 0 && src.Substring(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase) && comma < src.Length - 1
                ? null
                : $"'{Shorten(src)}' is not a data: URI with Base64 data (data:image/png;base64,…)";
        }
        return Uri.TryCreate(src, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http") && uri.Host.Length > 0
            ? null
            : $"'{Shorten(src)}' is not an absolute https: URL or a data: URI";
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";

    private static bool IsMimeType(string text)
    {
        var slash = text.IndexOf('/');
        return slash > 0 && slash < text.Length - 1 && text.IndexOf('/', slash + 1) < 0 && text.All(c => c > ' ' && c < 127);
    }

    private static bool IsSize(string size)
    {
        if (size == "any") return true;
        var x = size.IndexOf('x');
        return x > 0 && x < size.Length - 1 && size.Take(x).All(char.IsDigit) && size.Skip(x + 1).All(char.IsDigit)
            && size.Take(x).All(c => c < 128) && size.Skip(x + 1).All(c => c < 128);
    }
}
