using System;
using System.IO;
using System.Linq;

namespace McpForge.Cli.Tests.Infrastructure;

/// <summary>The repository and the build outputs the tests start as child processes.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The version this repository builds (Directory.Build.props, or -p:Version), as the test assembly was stamped with
    /// it; the packages packed from the same build carry it.
    /// </summary>
    public static string Version { get; } = typeof(Repo).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion.Split('+')[0];

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The CLI as <c>dotnet build</c> leaves it.</summary>
    public static string CliDll => Built("src/McpForge.Cli", "mcpforge");

    public static string QuickStartDll => Built("samples/QuickStart", "QuickStart");

    public static string BrokenServerDll => Built("tests/Fixtures/BrokenStdioServer", "BrokenStdioServer");

    public static string ClientTs => Path.Combine(Root, "tests", "client-ts");

    /// <summary>The npm package @modelcontextprotocol/server-everything, a server that is not McpForge's.</summary>
    public static string ServerEverything
    {
        get
        {
            var path = Path.Combine(ClientTs, "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
            return File.Exists(path) ? path : throw new FileNotFoundException("npm packages missing: run `npm ci --prefix tests/client-ts` (eng/test.sh does)", path);
        }
    }

    public static string Built(string projectFolder, string assemblyName)
    {
        var path = Path.Combine(Root, projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {projectFolder} first (dotnet build Framework.sln).", path);
    }

    /// <summary>A fresh folder under the temp directory; the caller deletes it.</summary>
    public static string TempFolder(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteQuietly(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
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
