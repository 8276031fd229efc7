using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>
/// The McpForge package as users get it: packed to a local feed, referenced by a fresh project outside the
/// repository (its own nuget.config with only that feed, its own packages folder), built and run.
/// </summary>
[Collection(nameof(ReleaseBuildCollection))]
public sealed class PackageTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mcpforge-package-" + Guid.NewGuid().ToString("N"));
    private string Feed => Path.Combine(_root, "feed");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var (exitCode, log) = await RunAsync("dotnet", ["pack", Path.Combine(RepositoryPaths.Root, "src", "McpForge"), "-c", "Release", "-o", Feed, "-nologo"], _root);
        Assert.True(exitCode == 0, "pack failed:\n" + log);
        LocalFeed.AddDependencies(Feed);
    }

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void The_package_carries_the_runtime_and_every_compiler_plugin()
    {
        var package = Path.Combine(Feed, "McpForge.0.1.0.nupkg");
        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net10.0/McpForge.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/McpForge.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/McpForge.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/McpForge.CodeFixes.dll", entries);
    }

    [Fact]
    public async Task A_fresh_project_on_the_package_builds_and_serves_its_tools()
    {
        var project = CreateProject("good", """
            using McpForge;

            await McpServer.CreateBuilder("throwaway", "1.0.0").AddTools<Tools>().Build().RunStdioAsync();

            public sealed partial class Tools
            {
                /// <summary>Says hello.</summary>
                [McpTool("hello")]
                public static string Hello(string name) => "Hello, " + name;
            }
            """);
        var (exitCode, log) = await RunAsync("dotnet", ["build", project, "-nologo"], Path.GetDirectoryName(project)!);
        Assert.True(exitCode == 0, "build failed:\n" + log);

        await using var server = StdioProcess.StartDotnet(Path.Combine(Path.GetDirectoryName(project)!, "bin", "Debug", "net10.0", "App.dll"));
        server.Initialize();
        Assert.Equal(
            """{"tools":[{"name":"hello","description":"Says hello.","inputSchema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}}]}""",
            server.Request(1, "tools/list").GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task A_fresh_project_with_an_unsupported_return_type_fails_with_MCPF0002_on_its_line()
    {
        var project = CreateProject("bad", """
            using McpForge;

            await McpServer.CreateBuilder("throwaway", "1.0.0").AddTools<Tools>().Build().RunStdioAsync();

            public sealed partial class Tools
            {
                /// <summary>Opens a stream.</summary>
                [McpTool("open")]
                public static System.IO.Stream Open() => System.IO.Stream.Null;
            }
            """);
        var (exitCode, log) = await RunAsync("dotnet", ["build", project, "-nologo"], Path.GetDirectoryName(project)!);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Program.cs(9,19): error MCPF0002: Tool 'open' returns 'System.IO.Stream'", log);
    }

    private string CreateProject(string name, string program)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RestorePackagesPath>{Path.Combine(folder, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="McpForge" Version="0.1.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), program);
        return Path.Combine(folder, "App.csproj");
    }

    private static async Task<(int ExitCode, string Log)> RunAsync(string fileName, string[] arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within 5 minutes");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
