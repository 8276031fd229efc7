using System;
using System.IO;
using System.Linq;

namespace McpForge.IntegrationTests;

/// <summary>Finds the repository and the build outputs of the servers the tests start.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The version this repository builds (Directory.Build.props, or -p:Version), as this test assembly was stamped with
    /// it; the packages packed from the same tree carry it.
    /// </summary>
    public static string Version { get; } = typeof(RepositoryPaths).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion.Split('+')[0];

    /// <summary>The Debug build of a server project, as <c>dotnet build Framework.sln</c> leaves it.</summary>
    public static string BuiltAssembly(string projectFolder, string assemblyName)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var path = Path.Combine(Root, projectFolder, "bin", configuration, "net10.0", assemblyName + ".dll");
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
