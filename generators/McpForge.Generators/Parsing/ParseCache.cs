using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;

namespace McpForge.Generators.Parsing;

/// <summary>
/// What the parses of one compilation share, so that each is done once per compilation rather than once per
/// component: the assembly's serialization options, each class's <see cref="ComponentTypeSpec"/> (ten tools of one class
/// describe it once), and each type's classification (a hundred tools taking one record, or one enum, describe it
/// once). Keyed by symbols of that compilation and dropped with it, so a cached answer never outlives what it describes.
/// </summary>
/// <remarks>
/// The generator's transforms and the analyzers' callbacks may run on several threads: every table is concurrent, and
/// a value computed twice by two threads is the same value.
/// </remarks>
internal sealed class ParseCache
{
    private static readonly ConditionalWeakTable<Compilation, ParseCache> s_caches = new();
    private readonly Compilation _compilation;
    private SerializationOptions? _options;

    private ParseCache(Compilation compilation) => _compilation = compilation;

    public static ParseCache For(Compilation compilation) => s_caches.GetValue(compilation, static c => new ParseCache(c));

    /// <summary>What <c>[assembly: McpSerialization]</c> says, read once.</summary>
    public SerializationOptions Options => _options ??= SerializationOptions.For(_compilation);

    /// <summary>Each class's spec (or null) and the problems that keep it from holding components.</summary>
    public ConcurrentDictionary<INamedTypeSymbol, (ComponentTypeSpec? Spec, IReadOnlyList<DiagnosticInfo> Diagnostics)> ComponentTypes { get; } =
        new(SymbolEqualityComparer.Default);

    /// <summary>Each type's classification, nullable annotations of its type arguments included (<c>List&lt;string?&gt;</c> is not <c>List&lt;string&gt;</c>).</summary>
    public ConcurrentDictionary<ITypeSymbol, ClassifiedType> Types { get; } = new(SymbolEqualityComparer.IncludeNullability);
}

/// <summary>
/// A type's shape (or why it has none), every object type it reaches, and the validation attributes of their members
/// that are not enforced, as <see cref="TypeModel"/> found them.
/// </summary>
internal sealed record ClassifiedType(ValueSpec? Value, string? Problem, IReadOnlyList<ObjectSpec> Objects, IReadOnlyList<DiagnosticInfo> AttributeProblems);
