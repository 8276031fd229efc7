using System;
using System.IO;

namespace McpForge.Cli.Tests.Infrastructure;

/// <summary>
/// The build outputs and folders the CLI tests use; the repository's root, version and configuration are
/// <see cref="RepositoryPaths"/>'s, shared with the other test projects.
/// </summary>
internal static class Repo
{
    /// <summary>The CLI as <c>dotnet build</c> leaves it.</summary>
    public static string CliDll => RepositoryPaths.BuiltAssembly("src/McpForge.Cli", "mcpforge");

    public static string QuickStartDll => RepositoryPaths.BuiltAssembly("samples/QuickStart", "QuickStart");

    public static string BrokenServerDll => RepositoryPaths.BuiltAssembly("tests/Fixtures/BrokenStdioServer", "BrokenStdioServer");

    public static string ClientTs => Path.Combine(RepositoryPaths.Root, "tests", "client-ts");

    /// <summary>The npm package @modelcontextprotocol/server-everything, a server that is not McpForge's.</summary>
    public static string ServerEverything
    {
        get
        {
            var path = Path.Combine(ClientTs, "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
            return File.Exists(path) ? path : throw new FileNotFoundException("npm packages missing: run `npm ci --prefix tests/client-ts` (eng/test.sh does)", path);
        }
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
}
