using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Cli.Tests.Infrastructure;

namespace McpForge.Cli.Tests;

/// <summary>The CLI as a .NET tool: packed, installed from a local feed with <c>dotnet tool install</c>, and run as <c>mcpforge</c>.</summary>
[Collection(nameof(ReleaseBuildCollection))]
public sealed class ToolPackageTests
{
    [Fact]
    public async Task The_tool_package_installs_and_runs_as_mcpforge()
    {
        var root = Repo.TempFolder("mcpforge-tool");
        try
        {
            var feed = Path.Combine(root, "feed");
            var pack = await ProcessRunner.RunAsync("dotnet", ["pack", Path.Combine(RepositoryPaths.Root, "src", "McpForge.Cli"), "-c", RepositoryPaths.Configuration, "--no-build", "-o", feed, "-nologo"],
                TimeSpan.FromMinutes(5), workingDirectory: root);
            Assert.True(pack.ExitCode == 0, pack.ToString());
            using (var zip = ZipFile.OpenRead(Path.Combine(feed, $"McpForge.Cli.{RepositoryPaths.Version}.nupkg")))
            {
                var entries = zip.Entries.Select(e => e.FullName).ToList();
                Assert.Contains("tools/net10.0/any/mcpforge.dll", entries);
                Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", entries);
                Assert.DoesNotContain(entries, e => e.EndsWith(".resources.dll", StringComparison.Ordinal));
                using var settings = new StreamReader(zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
                Assert.Contains("<Command Name=\"mcpforge\" EntryPoint=\"mcpforge.dll\" Runner=\"dotnet\" />", await settings.ReadToEndAsync());
            }

            // Only the local feed: the tool package carries its dependencies.
            File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>
                """);
            var tools = Path.Combine(root, "tools");
            var install = await ProcessRunner.RunAsync("dotnet", ["tool", "install", "McpForge.Cli", "--version", RepositoryPaths.Version, "--tool-path", tools, "--configfile", Path.Combine(root, "nuget.config")],
                TimeSpan.FromMinutes(5), workingDirectory: root, environment: new System.Collections.Generic.Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages") });
            Assert.True(install.ExitCode == 0, install.ToString());

            var doctor = await ProcessRunner.RunAsync(Path.Combine(tools, "mcpforge"), ["doctor", "--json", "--", "dotnet", Repo.QuickStartDll], TimeSpan.FromSeconds(60));
            Assert.True(doctor.ExitCode == 0, doctor.ToString());
            Assert.Empty(DoctorJson.Parse(doctor).Ids("failed"));
        }
        finally
        {
            Repo.DeleteQuietly(root);
        }
    }
}
