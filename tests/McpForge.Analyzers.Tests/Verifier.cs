using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace McpForge.Analyzers.Tests;

/// <summary>Runs an analyzer (and optionally a code fix) over source with .NET 10 and McpForge references, offline.</summary>
internal static class Verifier
{
    private const string Usings = "using System; using System.IO; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks; using System.ComponentModel; using McpForge;\n";

    private static readonly MetadataReference s_runtime = MetadataReference.CreateFromFile(typeof(McpForge.McpServer).Assembly.Location);

    private static void AddReferences(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(s_runtime);
    }

    public static Task AnalyzeAsync<TAnalyzer>(string source, params DiagnosticResult[] expected) where TAnalyzer : DiagnosticAnalyzer, new() =>
        AnalyzeAsync<TAnalyzer>(source, CompilerDiagnostics.Errors, expected);

    public static Task AnalyzeAsync<TAnalyzer>(string source, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = Usings + source,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            CompilerDiagnostics = compilerDiagnostics,
        };
        AddReferences(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task FixAsync<TAnalyzer, TFix>(string source, string fixedSource, int iterations = 1)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = Usings + source,
            FixedCode = Usings + fixedSource,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            NumberOfFixAllIterations = iterations,
        };
        AddReferences(test.TestState);
        AddReferences(test.FixedState);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id, DiagnosticSeverity severity = DiagnosticSeverity.Error) => new(id, severity);
}
