using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Cli.Tests.Infrastructure;

namespace McpForge.Cli.Tests;

/// <summary>
/// The McpForge.Templates package as users get it: installed with <c>dotnet new install</c> (into a private template
/// hive), instantiated, built against the McpForge packages from a local feed, checked with <c>mcpforge doctor</c>, and
/// published as NativeAOT with no warning — the stdio variant and the HTTP one.
/// </summary>
[Collection(nameof(ReleaseBuildCollection))]
public sealed class TemplateTests
{
    private static readonly TimeSpan s_step = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan s_cli = TimeSpan.FromSeconds(60);

    /// <summary>How long an HTTP server may take to listen on a busy machine.</summary>
    private static readonly TimeSpan s_kestrelStart = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_stdio_template_builds_passes_doctor_and_publishes_as_NativeAOT()
    {
        await using var workspace = await TemplateWorkspace.CreateAsync();
        var app = await workspace.NewAsync("Weather.Server");
        Assert.Equal(["Program.cs", "README.md", "Tools.cs", "Weather.Server.csproj"], Directory.GetFiles(app).Select(Path.GetFileName).Order());
        Assert.Contains("McpServer.CreateBuilder(\"weather.server\", \"1.0.0\")", File.ReadAllText(Path.Combine(app, "Program.cs")));
        Assert.Contains("namespace Weather.Server;", File.ReadAllText(Path.Combine(app, "Tools.cs")));
        Assert.DoesNotContain("#if", File.ReadAllText(Path.Combine(app, "Program.cs")) + File.ReadAllText(Path.Combine(app, "README.md")));
        var project = File.ReadAllText(Path.Combine(app, "Weather.Server.csproj"));
        Assert.Contains("<Project Sdk=\"Microsoft.NET.Sdk\">", project);
        Assert.Contains($"<PackageReference Include=\"McpForge\" Version=\"{RepositoryPaths.Version}\" />", project);
        Assert.DoesNotContain("McpForge.Hosting", project);

        BuildOutput.AssertNoWarnings(await workspace.RunAsync(app, "build", "-nologo"));
        var doctor = await ProcessRunner.CliAsync(s_cli, "doctor", "--json", "--", "dotnet", Path.Combine(app, "bin", "Debug", "net10.0", "Weather.Server.dll"));
        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        var report = DoctorJson.Parse(doctor);
        Assert.Equal("weather.server", report.Root.GetProperty("server").GetProperty("name").GetString());
        Assert.Equal("3 tools in 1 page", report.Detail("list.tools"));
        Assert.Empty(report.Ids("warned"));

        var output = Path.Combine(workspace.Root, "out");
        BuildOutput.AssertNoWarnings(await workspace.RunAsync(app, "publish", "-r", "linux-x64", "-o", output, "-nologo"));
        var binary = Path.Combine(output, "Weather.Server");
        var native = await ProcessRunner.CliAsync(s_cli, "doctor", "--json", "--", binary);
        Assert.True(native.ExitCode == 0, native.ToString());
        Assert.Empty(DoctorJson.Parse(native).Ids("failed"));
        Assert.Equal("Hello, Ada!\n", (await ProcessRunner.CliAsync(s_cli, "call", "greet", "--args", """{"name":"Ada"}""", "--", binary)).Stdout);
    }

    [Fact]
    public async Task The_HTTP_template_builds_passes_doctor_over_HTTP_and_publishes_as_NativeAOT()
    {
        await using var workspace = await TemplateWorkspace.CreateAsync();
        var app = await workspace.NewAsync("Weather.Web", "--transport", "http");
        Assert.Contains("<Project Sdk=\"Microsoft.NET.Sdk.Web\">", File.ReadAllText(Path.Combine(app, "Weather.Web.csproj")));
        Assert.Contains($"<PackageReference Include=\"McpForge.AspNetCore\" Version=\"{RepositoryPaths.Version}\" />", File.ReadAllText(Path.Combine(app, "Weather.Web.csproj")));
        var program = File.ReadAllText(Path.Combine(app, "Program.cs"));
        Assert.Contains("app.MapMcp(\"/mcp\");", program);
        Assert.Contains("builder.WebHost.UseUrls(\"http://127.0.0.1:3001\")", program); // loopback by default
        Assert.DoesNotContain("RunStdioAsync", program);

        BuildOutput.AssertNoWarnings(await workspace.RunAsync(app, "build", "-nologo"));
        await using (var server = await HttpServerProcess.StartAsync("dotnet", [Path.Combine(app, "bin", "Debug", "net10.0", "Weather.Web.dll")], s_kestrelStart))
        {
            var doctor = await ProcessRunner.CliAsync(s_cli, "doctor", "--json", "--url", server.Mcp.ToString());
            Assert.True(doctor.ExitCode == 0, doctor + "\nserver log:\n" + server.Output);
            var report = DoctorJson.Parse(doctor);
            Assert.Equal("weather.web", report.Root.GetProperty("server").GetProperty("name").GetString());
            Assert.Empty(report.Ids("warned"));
            Assert.Equal(["http.tls", "http.token", "list.prompts", "list.resource-templates", "list.resources"], report.Ids("skipped").Order());
        }

        var output = Path.Combine(workspace.Root, "out");
        BuildOutput.AssertNoWarnings(await workspace.RunAsync(app, "publish", "-r", "linux-x64", "-o", output, "-nologo"));
        await using (var native = await HttpServerProcess.StartAsync(Path.Combine(output, "Weather.Web"), [], s_kestrelStart))
        {
            var doctor = await ProcessRunner.CliAsync(s_cli, "doctor", "--json", "--url", native.Mcp.ToString());
            Assert.True(doctor.ExitCode == 0, doctor + "\nserver log:\n" + native.Output);
            Assert.Equal("Hello, Ada!\n", (await ProcessRunner.CliAsync(s_cli, "call", "greet", "--args", """{"name":"Ada"}""", "--url", native.Mcp.ToString())).Stdout);
        }
    }

    [Fact]
    public async Task The_Generic_Host_template_builds_passes_doctor_reads_its_settings_and_publishes_as_NativeAOT()
    {
        await using var workspace = await TemplateWorkspace.CreateAsync();
        var app = await workspace.NewAsync("Weather.Hosted", "--generic-host");
        Assert.Equal(["Program.cs", "README.md", "Tools.cs", "Weather.Hosted.csproj", "appsettings.json"], Directory.GetFiles(app).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var program = File.ReadAllText(Path.Combine(app, "Program.cs"));
        Assert.Contains("Host.CreateApplicationBuilder(", program);
        Assert.Contains("builder.Services.AddMcpServer(\"weather.hosted\", \"1.0.0\", mcp => mcp.AddGeneratedComponents());", program);
        Assert.Contains("builder.Services.AddMcpStdioTransport();", program);
        Assert.DoesNotContain("#if", program + File.ReadAllText(Path.Combine(app, "README.md")) + File.ReadAllText(Path.Combine(app, "Weather.Hosted.csproj")));
        Assert.Contains($"<PackageReference Include=\"McpForge.Hosting\" Version=\"{RepositoryPaths.Version}\" />", File.ReadAllText(Path.Combine(app, "Weather.Hosted.csproj")));

        BuildOutput.AssertNoWarnings(await workspace.RunAsync(app, "build", "-nologo"));
        var doctor = await ProcessRunner.CliAsync(s_cli, "doctor", "--json", "--", "dotnet", Path.Combine(app, "bin", "Debug", "net10.0", "Weather.Hosted.dll"));
        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        Assert.Equal("weather.hosted", DoctorJson.Parse(doctor).Root.GetProperty("server").GetProperty("name").GetString());
        Assert.Empty(DoctorJson.Parse(doctor).Ids("warned"));

        var output = Path.Combine(workspace.Root, "out");
        BuildOutput.AssertNoWarnings(await workspace.RunAsync(app, "publish", "-r", "linux-x64", "-o", output, "-nologo"));
        var binary = Path.Combine(output, "Weather.Hosted");
        Assert.True(File.Exists(Path.Combine(output, "appsettings.json")));
        Assert.Equal("Hello, Ada!\n", (await ProcessRunner.CliAsync(s_cli, "call", "greet", "--args", """{"name":"Ada"}""", "--", binary)).Stdout);
        // The appsettings.json next to the binary is read, whatever the working folder: a bad value in it stops the
        // server before it serves, naming the key.
        File.WriteAllText(Path.Combine(output, "appsettings.json"), """{ "McpForge": { "PageSize": 0 } }""");
        var refused = await ProcessRunner.RunAsync(binary, [], s_cli, workingDirectory: workspace.Root);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Empty(refused.Stdout);
        Assert.Contains("McpForge:PageSize must be at least 1, not 0.", refused.Stderr);
    }

    [Fact]
    public async Task The_template_s_test_project_tests_the_server_in_process_with_McpForge_Testing()
    {
        await using var workspace = await TemplateWorkspace.CreateAsync();
        var app = await workspace.NewAsync("Weather.Tested");
        var tests = Path.Combine(app, "Weather.Tested.Tests");
        Assert.Equal(["ToolTests.cs", "Weather.Tested.Tests.csproj", "tools.snapshot.json"], Directory.GetFiles(tests).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var project = File.ReadAllText(Path.Combine(tests, "Weather.Tested.Tests.csproj"));
        Assert.Contains($"<PackageReference Include=\"McpForge.Testing\" Version=\"{RepositoryPaths.Version}\" />", project);
        Assert.Contains("<ProjectReference Include=\"../Weather.Tested.csproj\" />", project);
        Assert.Contains("namespace Weather.Tested.Tests;", File.ReadAllText(Path.Combine(tests, "ToolTests.cs")));

        // The server project leaves its test folder alone, and the tests pass as generated (the snapshot included).
        BuildOutput.AssertNoWarnings(await workspace.RunAsync(app, "build", "-nologo"));
        var run = await workspace.RunAsync(tests, "test", "-nologo");
        Assert.Contains("Failed:     0, Passed:     6, Skipped:     0, Total:     6", run.Stdout);
    }

    [Fact]
    public void The_template_source_names_no_version_of_its_own()
    {
        // The version is stamped in when the template is packed (McpForge.Templates.csproj, StampTemplateVersion).
        var project = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "templates", "McpForge.Templates", "content", "McpForgeServer", "McpForgeServer.csproj"));
        foreach (var package in new[] { "McpForge", "McpForge.AspNetCore", "McpForge.Hosting" })
        {
            Assert.Contains($"<PackageReference Include=\"{package}\" Version=\"MCPFORGE_VERSION\" />", project);
        }
        var tests = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "templates", "McpForge.Templates", "content", "McpForgeServer", "McpForgeServer.Tests", "McpForgeServer.Tests.csproj"));
        Assert.Contains("<PackageReference Include=\"McpForge.Testing\" Version=\"MCPFORGE_VERSION\" />", tests);
    }

    /// <summary>
    /// A temporary folder with a feed (McpForge, McpForge.Hosting, McpForge.AspNetCore, McpForge.Testing and the templates, packed from this repository), a
    /// private template hive and a private packages folder, so nothing of this test reaches the machine's caches.
    /// </summary>
    private sealed class TemplateWorkspace : IAsyncDisposable
    {
        private TemplateWorkspace(string root) => Root = root;

        public string Root { get; }

        private string Feed => Path.Combine(Root, "feed");

        private string Hive => Path.Combine(Root, "hive");

        private Dictionary<string, string> Environment => new() { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") };

        public static async Task<TemplateWorkspace> CreateAsync()
        {
            var workspace = new TemplateWorkspace(Repo.TempFolder("mcpforge-template"));
            // The repository's build is packed as it is (no rebuild: other tests may be building in parallel).
            foreach (var project in new[] { "src/McpForge", "src/McpForge.Hosting", "src/McpForge.AspNetCore", "src/McpForge.Testing" })
                await Succeed("dotnet", ["pack", Path.Combine(RepositoryPaths.Root, project), "-c", RepositoryPaths.Configuration, "--no-build", "-o", workspace.Feed, "-nologo"], workspace.Root);
            await Succeed("dotnet", ["pack", Path.Combine(RepositoryPaths.Root, "templates", "McpForge.Templates"), "-c", RepositoryPaths.Configuration, "-o", workspace.Feed, "-nologo"], workspace.Root);
            var install = await Succeed("dotnet", ["new", "install", Path.Combine(workspace.Feed, $"McpForge.Templates.{RepositoryPaths.Version}.nupkg"), "--debug:custom-hive", workspace.Hive], workspace.Root);
            Assert.Contains("mcpforge-server", install.Stdout);
            Directory.CreateDirectory(Path.Combine(workspace.Root, "apps"));
            workspace.WriteNuGetConfig();
            return workspace;
        }

        /// <summary><c>dotnet new mcpforge-server -n name [options]</c>; returns the project folder.</summary>
        public async Task<string> NewAsync(string name, params string[] options)
        {
            var folder = Path.Combine(Root, "apps", name);
            await Succeed("dotnet", ["new", "mcpforge-server", "-n", name, "-o", folder, "--debug:custom-hive", Hive, .. options], Root);
            return folder;
        }

        public Task<ProcessResult> RunAsync(string folder, params string[] arguments) => Succeed("dotnet", arguments, folder, Environment);

        /// <summary>McpForge packages from the feed only; everything else (the NativeAOT compiler packages) from the machine's cache or NuGet.</summary>
        private void WriteNuGetConfig()
        {
            var cache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            File.WriteAllText(Path.Combine(Root, "apps", "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{Feed}" />
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

        private static async Task<ProcessResult> Succeed(string fileName, string[] arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
        {
            var result = await ProcessRunner.RunAsync(fileName, arguments, s_step, workingDirectory: workingDirectory, environment: environment);
            Assert.True(result.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} failed:\n{result}");
            return result;
        }

        public ValueTask DisposeAsync()
        {
            Repo.DeleteQuietly(Root);
            return ValueTask.CompletedTask;
        }
    }
}
