using System;
using System.Collections.Generic;
using System.Linq;
using McpForge.Generators.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace McpForge.Generators.Diagnostics;

/// <summary>
/// A diagnostic held as values (descriptor, file, span, arguments) so it can travel through the cached
/// pipeline; it becomes a <see cref="Diagnostic"/> with a fresh <see cref="Location"/> only when reported.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, string FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        var lineSpan = location?.GetLineSpan() ?? default;
        return new DiagnosticInfo(descriptor, lineSpan.Path ?? string.Empty, location?.SourceSpan ?? default, lineSpan.Span, arguments.ToEquatableArray());
    }

    /// <summary>An error among <paramref name="diagnostics"/>: what it is about cannot be generated (a warning does not stop it).</summary>
    public static bool AnyError(IEnumerable<DiagnosticInfo> diagnostics) =>
        diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);

    /// <summary>
    /// The diagnostic, located in <paramref name="compilation"/>'s syntax tree of the same file, so that
    /// <c>#pragma warning disable</c> and the IDE see it as source; a file-path location otherwise.
    /// </summary>
    public Diagnostic ToDiagnostic(Compilation? compilation = null)
    {
        var args = new object[Arguments.Count];
        for (var i = 0; i < args.Length; i++) args[i] = Arguments[i];
        Location location;
        if (FilePath.Length == 0)
        {
            location = Location.None;
        }
        else if (compilation?.SyntaxTrees.FirstOrDefault(t => t.FilePath == FilePath) is { } tree)
        {
            location = Location.Create(tree, Span);
        }
        else
        {
            location = Location.Create(FilePath, Span, LineSpan);
        }
        return Diagnostic.Create(Descriptor, location, args);
    }
}
