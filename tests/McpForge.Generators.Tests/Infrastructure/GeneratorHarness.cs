using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using McpForge.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace McpForge.Generators.Tests.Infrastructure;

/// <summary>Compiles sources against .NET 10 and the McpForge runtime, and runs the generator over them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    private static readonly ImmutableArray<MetadataReference> s_references =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(McpForge.McpServer).Assembly.Location),
    ];

    public static CSharpCompilation Compile(params string[] sources) => Compile(ParseOptions, sources);

    public static CSharpCompilation Compile(CSharpParseOptions options, params string[] sources) =>
        CSharpCompilation.Create(
            "ToolAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, options, path: $"Tools{i}.cs")),
            s_references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public sealed record Result(
        ImmutableArray<(string HintName, string Text)> Generated,
        ImmutableArray<Diagnostic> GeneratorDiagnostics,
        ImmutableArray<Diagnostic> CompilationDiagnostics);

    public static Result Run(params string[] sources) => Run(ParseOptions, sources);

    /// <summary>Runs the generator over sources parsed with <paramref name="options"/> (a project without a documentation file parses none).</summary>
    public static Result Run(CSharpParseOptions options, params string[] sources)
    {
        var compilation = Compile(options, sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new McpGenerator().AsSourceGenerator()], parseOptions: options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, CancellationToken.None);
        var run = driver.GetRunResult().Results.Single();
        return new Result(
            [.. run.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName, System.StringComparer.Ordinal)],
            [.. run.Diagnostics],
            [.. output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)]);
    }

    /// <summary>Runs the generator and asserts it produced clean code: no generator diagnostics, no compiler warnings or errors.</summary>
    public static Result RunClean(params string[] sources)
    {
        var result = Run(sources);
        Assert.True(result.GeneratorDiagnostics.IsEmpty, "generator diagnostics:\n" + string.Join("\n", result.GeneratorDiagnostics));
        Assert.True(result.CompilationDiagnostics.IsEmpty, "the generated code does not compile cleanly:\n" + string.Join("\n", result.CompilationDiagnostics));
        return result;
    }
}
