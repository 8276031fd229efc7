using System;
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

    public Diagnostic ToDiagnostic()
    {
        var args = new object[Arguments.Count];
        for (var i = 0; i < args.Length; i++) args[i] = Arguments[i];
        var location = FilePath.Length == 0 ? Location.None : Location.Create(FilePath, Span, LineSpan);
        return Diagnostic.Create(Descriptor, location, args);
    }
}
