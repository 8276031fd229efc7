using McpForge.Generators.Diagnostics;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;

namespace McpForge.Generators.Parsing;

/// <summary>
/// What a parser found for one attributed method (or form type): the class it belongs to, its spec when it can be
/// generated, and every problem with it. The analyzers report <see cref="Diagnostics"/>; the generator keeps only
/// <see cref="Type"/> and <see cref="Spec"/> of a clean parse, so no source position enters its cached model.
/// </summary>
internal sealed record ComponentParse<TSpec>(ComponentTypeSpec? Type, TSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
    where TSpec : class;
