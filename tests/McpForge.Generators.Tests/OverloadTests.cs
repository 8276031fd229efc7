using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Analyzers;
using McpForge.Generators.Helpers;
using McpForge.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpForge.Generators.Tests;

/// <summary>
/// Overloads: the C# name of a tool, prompt or resource method is not its MCP name, so two methods may share one. Every
/// golden shape, with each component declared a second time as an overload, still generates code that compiles cleanly:
/// a user never sees a compiler error inside a generated file.
/// </summary>
public sealed class OverloadTests
{
    public static TheoryData<string> Shapes => [.. GoldenShapes.Sources.Keys];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Every_shape_declared_twice_as_overloads_compiles_cleanly(string shape)
    {
        var source = GoldenShapes.Usings + GoldenShapes.Sources[shape];
        var overloaded = Overload(source, out var count);
        Assert.True(count > 0 || shape == "Elicitation_forms", $"{shape} has no component to overload");

        var result = GeneratorHarness.RunClean(overloaded);
        var components = result.Generated.Where(g => g.HintName != "McpForgeJson.g.cs" && g.HintName != "McpForgeGeneratedComponents.g.cs").ToList();
        foreach (var name in Renamed(overloaded))
        {
            Assert.Contains(components, g => g.Text.Contains(CSharpLiteral(name), System.StringComparison.Ordinal));
        }

        // The overloads are valid components in their own right: the analyzers find in them what they find in the
        // originals (a tool without a description, say), no more.
        var original = await AnalyzerDiagnostics(source);
        var expected = original.Select(p => $"{p.Key} x{p.Value * 2}").ToList();
        Assert.Equal(expected, (await AnalyzerDiagnostics(overloaded)).Select(p => $"{p.Key} x{p.Value}").ToList());
    }

    [Fact]
    public void Overloads_get_members_named_after_their_tools()
    {
        var result = GeneratorHarness.RunClean("""
            using McpForge;
            namespace Calc;
            public partial class Calculator
            {
                /// <summary>Adds integers.</summary>
                [McpTool("add_int")] public static int Add(int a, int b) => a + b;
                /// <summary>Adds numbers.</summary>
                [McpTool("add.double")] public static double Add(double a, double b) => a + b;
                /// <summary>Subtracts.</summary>
                [McpTool("sub")] public static int Sub(int a, int b) => a - b;
            }
            """);
        var text = result.Generated.Single(g => g.HintName == "Calc.Calculator.McpTools.g.cs").Text;
        Assert.Contains("new(\"add_int\", ", text);
        Assert.Contains(" Invoke_Add_add_int)", text);
        Assert.Contains(" Invoke_Add_add_double)", text);
        Assert.Contains(" Invoke_Sub)", text);
        Assert.Contains("private static global::System.Threading.Tasks.ValueTask Invoke_Add_add_double(", text);
    }

    /// <summary>
    /// The source with every <c>[McpTool]</c>, <c>[McpPrompt]</c> and <c>[McpResource]</c> method declared again right
    /// after itself: same name, one more parameter first (a <c>CancellationToken</c>, which every kind accepts), and a name or
    /// URI of its own.
    /// </summary>
    private static string Overload(string source, out int count)
    {
        var root = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions).GetRoot();
        var methods = root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(m => Kind(m) is not null).ToList();
        count = methods.Count;
        return root.ReplaceNodes(methods.Select(m => m.Parent!).Distinct(), (original, _) =>
        {
            var type = (TypeDeclarationSyntax)original;
            var members = new List<MemberDeclarationSyntax>();
            foreach (var member in type.Members)
            {
                members.Add(member);
                if (member is MethodDeclarationSyntax method && Kind(method) is { } kind) members.Add(Twin(method, kind));
            }
            return type.WithMembers(SyntaxFactory.List(members));
        }).ToFullString();
    }

    private static string? Kind(MethodDeclarationSyntax method) => method.AttributeLists.SelectMany(l => l.Attributes)
        .Select(a => a.Name.ToString()).FirstOrDefault(n => n is "McpTool" or "McpPrompt" or "McpResource");

    private static MethodDeclarationSyntax Twin(MethodDeclarationSyntax method, string kind)
    {
        var attribute = method.AttributeLists.SelectMany(l => l.Attributes).First(a => a.Name.ToString() == kind);
        var given = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null)?.Expression as LiteralExpressionSyntax;
        var name = kind == "McpResource"
            ? "x" + given!.Token.ValueText // another scheme: "docs://readme" becomes "xdocs://readme"
            : (given?.Token.ValueText ?? ToolNames.FromMethodName(method.Identifier.ValueText)) + "_overload";
        var argument = SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name)));
        var arguments = attribute.ArgumentList is { } list && given is not null
            ? list.WithArguments(list.Arguments.Replace(list.Arguments.First(a => a.NameEquals is null), argument))
            : SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(
                new[] { argument }.Concat(attribute.ArgumentList?.Arguments ?? default)));
        var renamed = method.ReplaceNode(attribute, attribute.WithArgumentList(arguments));
        var token = SyntaxFactory.Parameter(SyntaxFactory.Identifier("overloadToken"))
            .WithType(SyntaxFactory.ParseTypeName("System.Threading.CancellationToken "));
        // First, so that it stands before any optional parameter.
        return renamed.WithParameterList(renamed.ParameterList.WithParameters(renamed.ParameterList.Parameters.Insert(0, token)));
    }

    /// <summary>The names and URIs the overloads were given.</summary>
    private static IEnumerable<string> Renamed(string source) =>
        CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions).GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>()
            .Select(l => l.Token.ValueText)
            .Where(text => text.EndsWith("_overload", System.StringComparison.Ordinal) || text.StartsWith("x", System.StringComparison.Ordinal) && text.Contains(':'));

    private static string CSharpLiteral(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>How many diagnostics of each ID the analyzers report.</summary>
    private static async Task<SortedDictionary<string, int>> AnalyzerDiagnostics(string source)
    {
        var diagnostics = await GeneratorHarness.Compile(source)
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ComponentAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return new SortedDictionary<string, int>(diagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count()), System.StringComparer.Ordinal);
    }
}
