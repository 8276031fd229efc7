using System;
using System.IO;

namespace McpForge.IntegrationTests;

/// <summary>Finds the repository and the build outputs of the servers the tests start.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

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
