using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpForge.Bench.GeneratorBuildCost;

/// <summary>
/// The compiler plug-ins under test, loaded from their assemblies as the compiler loads them: McpForge's generator and
/// analyzers (by default from this repository's build output; <c>--mcpforge-dir</c> points at another build, such as
/// an older commit's), and System.Text.Json's generator from the SDK's reference pack.
/// </summary>
internal sealed class Components
{
    private Components(IIncrementalGenerator mcpForge, ImmutableArray<DiagnosticAnalyzer> analyzers, IIncrementalGenerator json, string source)
    {
        McpForge = mcpForge;
        Analyzers = analyzers;
        SystemTextJson = json;
        McpForgeSource = source;
    }

    public IIncrementalGenerator McpForge { get; }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public IIncrementalGenerator SystemTextJson { get; }

    /// <summary>Where McpForge's plug-ins were loaded from.</summary>
    public string McpForgeSource { get; }

    public static Components Load(string? mcpForgeDirectory)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var generatorPath = mcpForgeDirectory is null
            ? Path.Combine(FindRepositoryRoot(), "generators", "McpForge.Generators", "bin", configuration, "netstandard2.0", "McpForge.Generators.dll")
            : Path.Combine(mcpForgeDirectory, "McpForge.Generators.dll");
        var analyzersPath = mcpForgeDirectory is null
            ? Path.Combine(FindRepositoryRoot(), "analyzers", "McpForge.Analyzers", "bin", configuration, "netstandard2.0", "McpForge.Analyzers.dll")
            : Path.Combine(mcpForgeDirectory, "McpForge.Analyzers.dll");

        // Each plug-in in its own context, as the compiler isolates analyzer assemblies; Roslyn itself is shared.
        var generator = Instances<IIncrementalGenerator>(new PluginContext(generatorPath).LoadFromAssemblyPath(generatorPath)).Single();
        var analyzers = Instances<DiagnosticAnalyzer>(new PluginContext(analyzersPath).LoadFromAssemblyPath(analyzersPath)).ToImmutableArray();

        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!; // shared/Microsoft.NETCore.App/<version>
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var version = Path.GetFileName(runtimeDirectory);
        var jsonPath = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref", version, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        var json = Instances<IIncrementalGenerator>(new PluginContext(jsonPath).LoadFromAssemblyPath(jsonPath)).Single();
        return new Components(generator, analyzers, json, Path.GetDirectoryName(generatorPath)!);
    }

    private static T[] Instances<T>(Assembly assembly) => assembly.GetTypes()
        .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null
            && (t.GetCustomAttribute<GeneratorAttribute>() is not null || t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null))
        .Select(t => (T)Activator.CreateInstance(t)!)
        .ToArray();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Framework.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Framework.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Loads a plug-in and its private dependencies; anything else (Roslyn, the BCL) comes from the host.</summary>
    private sealed class PluginContext(string path) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(path))
    {
        protected override Assembly? Load(AssemblyName name)
        {
            var candidate = Path.Combine(Path.GetDirectoryName(path)!, name.Name + ".dll");
            return name.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || !File.Exists(candidate)
                ? null
                : LoadFromAssemblyPath(candidate);
        }
    }
}
