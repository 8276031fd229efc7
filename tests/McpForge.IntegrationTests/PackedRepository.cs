using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>
/// The repository as it is now (tracked and new files, not ignored ones), copied to a fresh folder that is its own git
/// clone with an <c>origin</c> on a hosting service SourceLink knows, then packed as CI packs it (<c>CI=true</c>,
/// Release) into a folder feed with every dependency beside it. Working on a copy keeps these Release builds and
/// version overrides out of the bin/ and obj/ folders other tests run from.
/// </summary>
public sealed class PackedRepository : IAsyncLifetime
{
    /// <summary>Where the copy says it comes from: SourceLink turns it into the URLs of the sources of the commit.</summary>
    public const string Origin = "https://github.com/mcpforge-tests/mcpforge";

    /// <summary>The projects that ship, each one package.</summary>
    public static readonly string[] Packages = ["McpForge", "McpForge.Hosting", "McpForge.AspNetCore", "McpForge.AspNetCore.Redis", "McpForge.Testing", "McpForge.Cli", "McpForge.Templates"];

    private static readonly Dictionary<string, string> s_projects = new()
    {
        ["McpForge"] = "src/McpForge",
        ["McpForge.Hosting"] = "src/McpForge.Hosting",
        ["McpForge.AspNetCore"] = "src/McpForge.AspNetCore",
        ["McpForge.AspNetCore.Redis"] = "src/McpForge.AspNetCore.Redis",
        ["McpForge.Testing"] = "src/McpForge.Testing",
        ["McpForge.Cli"] = "src/McpForge.Cli",
        ["McpForge.Templates"] = "templates/McpForge.Templates",
    };

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "mcpforge-packed-" + Guid.NewGuid().ToString("N"));

    /// <summary>The copy of the repository.</summary>
    public string Repository => Path.Combine(Root, "repo");

    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The commit the copy is at.</summary>
    public string Commit { get; private set; } = "";

    public string PackagePath(string id, string extension = "nupkg") => Path.Combine(Feed, $"{id}.{RepositoryPaths.Version}.{extension}");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var files = (await RunAsync("git", ["-C", RepositoryPaths.Root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], RepositoryPaths.Root))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries);
        foreach (var file in files)
        {
            var source = Path.Combine(RepositoryPaths.Root, file);
            if (!File.Exists(source)) continue; // deleted in the working tree, not yet in the index
            var target = Path.Combine(Repository, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
        await RunAsync("git", ["init", "-q", "-b", "main"], Repository);
        await RunAsync("git", ["add", "-A"], Repository);
        await RunAsync("git", ["-c", "user.name=tests", "-c", "user.email=tests@localhost", "commit", "-q", "-m", "snapshot"], Repository);
        await RunAsync("git", ["remote", "add", "origin", Origin], Repository);
        Commit = (await RunAsync("git", ["rev-parse", "HEAD"], Repository)).Trim();

        foreach (var id in Packages)
        {
            await RunAsync("dotnet", ["pack", Path.Combine(Repository, s_projects[id]), "-c", "Release", "-o", Feed, "-nologo"], Repository, ci: true);
        }
        LocalFeed.AddDependencies(Feed);
    }

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs a command in the copy; fails the test, with its output, when it fails.</summary>
    public Task<string> RunInCopyAsync(string fileName, params string[] arguments) => RunAsync(fileName, arguments, Repository);

    /// <summary>Runs a command; returns its exit code and output instead of failing.</summary>
    public static async Task<(int ExitCode, string Output)> TryRunAsync(string fileName, string[] arguments, string workingDirectory, bool ci = false)
    {
        // As CI builds: deterministic, with source paths mapped to /_/ (ContinuousIntegrationBuild, Directory.Build.props).
        var result = await ChildProcess.RunAsync(fileName, arguments, TimeSpan.FromMinutes(8), workingDirectory: workingDirectory,
            environment: new Dictionary<string, string> { ["CI"] = ci ? "true" : "" });
        return (result.ExitCode, result.Stdout + result.Stderr);
    }

    private static async Task<string> RunAsync(string fileName, string[] arguments, string workingDirectory, bool ci = false)
    {
        var (exitCode, output) = await TryRunAsync(fileName, arguments, workingDirectory, ci);
        Assert.True(exitCode == 0, $"{fileName} {string.Join(' ', arguments)} failed:\n{output}");
        return output;
    }
}
