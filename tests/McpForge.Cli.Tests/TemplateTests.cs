using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Cli.Tests.Infrastructure;

namespace McpForge.Cli.Tests;

/// <summary>
/// The McpForge.Templates package as users get it: installed with <c>dotnet new install</c> (into a private template
/// hive), instantiated, built against the McpForge package from a local feed, checked with <c>mcpforge doctor</c>, and
/// published as NativeAOT with no warning.
/// </summary>
[Collection(nameof(ReleaseBuildCollection))]
public sealed class TemplateTests
{
    private static readonly TimeSpan s_step = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task The_template_creates_a_server_that_builds_passes_doctor_and_publishes_as_NativeAOT()
    {
        var root = Repo.TempFolder("mcpforge-template");
        try
        {
            var feed = Path.Combine(root, "feed");
            var hive = Path.Combine(root, "hive");
            // The repository's Debug build is packed as it is (no rebuild: other tests may be building in parallel).
            await Succeed("dotnet", ["pack", Path.Combine(Repo.Root, "src", "McpForge"), "-c", Repo.Configuration, "--no-build", "-o", feed, "-nologo"], root);
            await Succeed("dotnet", ["pack", Path.Combine(Repo.Root, "templates", "McpForge.Templates"), "-c", Repo.Configuration, "-o", feed, "-nologo"], root);

            var install = await Succeed("dotnet", ["new", "install", Path.Combine(feed, "McpForge.Templates.0.1.0.nupkg"), "--debug:custom-hive", hive], root);
            Assert.Contains("mcpforge-server", install.Stdout);

            var app = Path.Combine(root, "app", "Weather.Server");
            await Succeed("dotnet", ["new", "mcpforge-server", "-n", "Weather.Server", "-o", app, "--debug:custom-hive", hive], root);
            Assert.Equal(["Program.cs", "README.md", "Tools.cs", "Weather.Server.csproj"], Directory.GetFiles(app).Select(Path.GetFileName).Order());
            Assert.Contains("McpServer.CreateBuilder(\"weather.server\", \"1.0.0\")", File.ReadAllText(Path.Combine(app, "Program.cs")));
            Assert.Contains("namespace Weather.Server;", File.ReadAllText(Path.Combine(app, "Tools.cs")));
            WriteNuGetConfig(Path.Combine(root, "app"), feed);

            // A private packages folder: the McpForge 0.1.0 built here never lands in the machine's cache.
            var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages") };
            var build = await Succeed("dotnet", ["build", "-nologo"], app, environment);
            BuildOutput.AssertNoWarnings(build);

            var doctor = await ProcessRunner.CliAsync(TimeSpan.FromSeconds(60), "doctor", "--json", "--", "dotnet", Path.Combine(app, "bin", "Debug", "net10.0", "Weather.Server.dll"));
            Assert.True(doctor.ExitCode == 0, doctor.ToString());
            var report = DoctorJson.Parse(doctor);
            Assert.Equal("weather.server", report.Root.GetProperty("server").GetProperty("name").GetString());
            Assert.Equal("3 tools in 1 page", report.Detail("list.tools"));
            Assert.Empty(report.Ids("warned"));

            var output = Path.Combine(root, "out");
            var publish = await Succeed("dotnet", ["publish", "-r", "linux-x64", "-o", output, "-nologo"], app, environment);
            BuildOutput.AssertNoWarnings(publish);
            var native = await ProcessRunner.CliAsync(TimeSpan.FromSeconds(60), "doctor", "--json", "--", Path.Combine(output, "Weather.Server"));
            Assert.True(native.ExitCode == 0, native.ToString());
            Assert.Empty(DoctorJson.Parse(native).Ids("failed"));

            var call = await ProcessRunner.CliAsync(TimeSpan.FromSeconds(60), "call", "greet", "--args", """{"name":"Ada"}""", "--", Path.Combine(output, "Weather.Server"));
            Assert.Equal("Hello, Ada!\n", call.Stdout);
        }
        finally
        {
            Repo.DeleteQuietly(root);
        }
    }

    [Fact]
    public void The_template_references_the_McpForge_version_this_repository_builds()
    {
        var props = File.ReadAllText(Path.Combine(Repo.Root, "Directory.Build.props"));
        var version = props.Split("<Version>")[1].Split("</Version>")[0];
        var project = File.ReadAllText(Path.Combine(Repo.Root, "templates", "McpForge.Templates", "content", "McpForgeServer", "McpForgeServer.csproj"));
        Assert.Contains($"<PackageReference Include=\"McpForge\" Version=\"{version}\" />", project);
    }

    /// <summary>McpForge from the local feed only; everything else (the NativeAOT compiler packages) from the machine's cache or NuGet.</summary>
    private static void WriteNuGetConfig(string folder, string feed)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="machine-cache" value="{cache}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="McpForge" /><package pattern="McpForge.*" /></packageSource>
                <packageSource key="machine-cache"><package pattern="*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }

    private static async Task<ProcessResult> Succeed(string fileName, string[] arguments, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        var result = await ProcessRunner.RunAsync(fileName, arguments, s_step, workingDirectory: workingDirectory, environment: environment);
        Assert.True(result.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} failed:\n{result}");
        return result;
    }
}
