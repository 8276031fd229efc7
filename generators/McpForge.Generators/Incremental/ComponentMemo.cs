using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace McpForge.Generators.Incremental;

/// <summary>
/// The parse of each attributed method, remembered for as long as its syntax node lives (one table per kind of component).
/// </summary>
/// <remarks>
/// <c>ForAttributeWithMetadataName</c> runs the transform of every attributed method again whenever the compilation
/// changes, which in an IDE is every keystroke; binding a tool's signature and every type it reaches is most of what a
/// re-run costs. An unchanged file keeps its syntax tree, and so its nodes, from one compilation to the next; when the
/// <see cref="DeclarationWorld"/> is also the same (the edit was inside a method body, in the comments above a method,
/// or in a top-level program), the remembered parse is the parse, and is returned without touching a symbol. The
/// returned value is the same instance as before, so the pipeline's equality check is a reference comparison.
/// </remarks>
internal static class ComponentMemo<TResult>
{
    private static readonly ConditionalWeakTable<SyntaxNode, Entry> s_entries = new();

    /// <summary>The parse of <paramref name="node"/> in <paramref name="compilation"/>: remembered, or made by <paramref name="parse"/>.</summary>
    public static TResult GetOrParse<TState>(SyntaxNode node, Compilation compilation, TState state, Func<TState, TResult> parse)
    {
        var world = DeclarationWorld.Of(compilation);
        var entry = s_entries.GetValue(node, static _ => new Entry());
        var remembered = entry.Parse;
        if (remembered is not null && remembered.World.SameAs(world))
        {
            if (!ReferenceEquals(remembered.World, world)) entry.Parse = new Remembered(world, remembered.Result);
            return remembered.Result;
        }
        var result = parse(state);
        ComponentMemo.ParsesOnThisThread++;
        entry.Parse = new Remembered(world, result);
        return result;
    }

    private sealed class Entry
    {
        // Replaced whole (a reference write is atomic), so a reader on another thread sees a world and its result together.
        public volatile Remembered? Parse;
    }

    private sealed class Remembered(DeclarationWorld world, TResult result)
    {
        public DeclarationWorld World { get; } = world;

        public TResult Result { get; } = result;
    }
}

/// <summary>What the tests observe of <see cref="ComponentMemo{TResult}"/>.</summary>
internal static class ComponentMemo
{
    /// <summary>How many methods were parsed (not remembered) on this thread: a driver runs its transforms on the caller's.</summary>
    [ThreadStatic] internal static int ParsesOnThisThread;
}
