using System;
using System.IO;
using System.Linq;

namespace McpForge.TestInfrastructure;

/// <summary>Finds the repository, the version it builds, and the build outputs of the projects tests start as child processes.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding Framework.sln, found above the running tests' output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The version this repository builds (Directory.Build.props, or -p:Version), read from this assembly: it is built in
    /// the same build as the tests that reference it (a -p:Version reaches referenced projects too), so it is stamped
    /// with the same version as the packages packed from that tree.
    /// </summary>
    public static string Version { get; } = typeof(RepositoryPaths).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion.Split('+')[0];

    /// <summary>The configuration the running tests were built in (Release or Debug), which the projects they start share.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The build of a project in <see cref="Configuration"/>, as <c>dotnet build Framework.sln</c> leaves it.</summary>
    public static string BuiltAssembly(string projectFolder, string assemblyName)
    {
        var path = Path.Combine(Root, projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {projectFolder} first (dotnet build Framework.sln).", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Framework.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Framework.sln not found above " + AppContext.BaseDirectory);
    }
}
