using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace McpForge.IntegrationTests;

/// <summary>
/// The packages as users get them (packed as CI packs them, <see cref="PackedRepository"/>): what each carries for
/// nuget.org and a debugger (readme, icon, license, repository, symbols with SourceLink), package validation and its
/// baseline, the version written once, and fresh projects outside the repository that restore only from that feed.
/// </summary>
[Collection(nameof(ReleaseBuildCollection))]
public sealed class PackageTests(PackedRepository packed) : IClassFixture<PackedRepository>
{
    [Fact]
    public void The_McpForge_package_carries_the_runtime_and_every_compiler_plugin()
    {
        using var zip = ZipFile.OpenRead(packed.PackagePath("McpForge"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net10.0/McpForge.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/McpForge.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/McpForge.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/McpForge.CodeFixes.dll", entries);
    }

    [Theory]
    [InlineData("McpForge", "# McpForge")]
    [InlineData("McpForge.Hosting", "# McpForge.Hosting")]
    [InlineData("McpForge.AspNetCore", "# McpForge.AspNetCore")]
    [InlineData("McpForge.AspNetCore.Redis", "# McpForge.AspNetCore.Redis")]
    [InlineData("McpForge.Testing", "# McpForge.Testing")]
    [InlineData("McpForge.Cli", "# mcpforge")]
    [InlineData("McpForge.Templates", "# McpForge.Templates")]
    public void Every_package_has_its_readme_the_icon_a_license_expression_and_its_repository_and_commit(string id, string readmeTitle)
    {
        using var zip = ZipFile.OpenRead(packed.PackagePath(id));
        var metadata = Nuspec(zip).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal(RepositoryPaths.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("expression", metadata.Elements().Single(e => e.Name.LocalName == "license").Attribute("type")?.Value);
        Assert.Equal("icon.png", Value("icon"));
        Assert.Equal("README.md", Value("readme"));
        Assert.StartsWith(readmeTitle + "\n", Read(zip, "README.md").Replace("\r\n", "\n"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Bytes(zip, "icon.png").Take(4));

        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Equal(PackedRepository.Origin, repository.Attribute("url")?.Value);
        Assert.Equal(packed.Commit, repository.Attribute("commit")?.Value);
    }

    [Theory]
    [InlineData("McpForge", "lib/net10.0/McpForge.pdb")]
    [InlineData("McpForge.Hosting", "lib/net10.0/McpForge.Hosting.pdb")]
    [InlineData("McpForge.AspNetCore", "lib/net10.0/McpForge.AspNetCore.pdb")]
    [InlineData("McpForge.AspNetCore.Redis", "lib/net10.0/McpForge.AspNetCore.Redis.pdb")]
    [InlineData("McpForge.Testing", "lib/net10.0/McpForge.Testing.pdb")]
    [InlineData("McpForge.Cli", "tools/net10.0/any/mcpforge.pdb")]
    public void Symbols_ship_as_a_snupkg_whose_sources_map_to_the_commit_through_SourceLink(string id, string pdbPath)
    {
        Assert.False(File.Exists(packed.PackagePath("McpForge.Templates", "snupkg")), "the templates have no assemblies, so no symbols");
        using var symbols = ZipFile.OpenRead(packed.PackagePath(id, "snupkg"));
        using var pdb = new MemoryStream(Bytes(symbols, pdbPath));
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        var reader = provider.GetMetadataReader();

        // A CI build is deterministic: every source path is mapped to /_/, whatever folder it was built in.
        var documents = reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToList();
        Assert.NotEmpty(documents);
        Assert.All(documents.Where(d => !d.EndsWith(".g.cs", StringComparison.Ordinal) && !d.Contains("AssemblyAttributes", StringComparison.Ordinal)),
            d => Assert.StartsWith("/_/", d));

        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        var sourceLink = reader.CustomDebugInformation.Select(reader.GetCustomDebugInformation)
            .Where(c => reader.GetGuid(c.Kind) == sourceLinkKind).Select(c => Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value))).Single();
        Assert.Contains($"\"/_/*\":\"https://raw.githubusercontent.com/mcpforge-tests/mcpforge/{packed.Commit}/*\"", sourceLink);
    }

    [Fact]
    public async Task Package_validation_checks_against_the_baseline_once_its_version_is_set()
    {
        // The 0.1.0 just packed plays the part of the shipped version: a next version packs when it breaks nothing of it...
        string[] pack = ["pack", "src/McpForge.Hosting", "-c", "Release", "-o", Path.Combine(packed.Root, "next"), "-nologo",
            "-p:Version=99.0.0", $"-p:RestoreSources={packed.Feed}"];
        var (passed, log) = await PackedRepository.TryRunAsync("dotnet", [.. pack, $"-p:PackageValidationBaselineVersion={RepositoryPaths.Version}"], packed.Repository);
        Assert.True(passed == 0, "pack against the baseline failed:\n" + log);

        // ...and the property alone turns the check on: a baseline that was never published is an error, not a no-op.
        var (failed, missing) = await PackedRepository.TryRunAsync("dotnet", [.. pack, "-p:PackageValidationBaselineVersion=0.0.1"], packed.Repository);
        Assert.NotEqual(0, failed);
        Assert.Contains("McpForge.Hosting", missing);
        Assert.Contains("0.0.1", missing);
    }

    [Fact]
    public async Task A_version_bump_on_the_command_line_keeps_the_generator_golden_files_passing()
    {
        var results = Path.Combine(packed.Root, "bump-results");
        var output = await packed.RunInCopyAsync("dotnet", "test", "tests/McpForge.Generators.Tests", "-p:Version=0.2.0", "--results-directory", results,
            $"-p:VSTestResultsDirectory={results}", "-nologo");
        Assert.Matches(@"Passed!\s+- Failed:\s+0, Passed:\s+[1-9]", output);
        // VersionTests, among them, checks the generated code was stamped 0.2.0, so the baselines really saw the new version.
        Assert.Contains("VersionTests", File.ReadAllText(Directory.GetFiles(results, "*.trx").Single()));
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
        await Build(project);

        await using var server = ChildProcess.Start("dotnet", Path.Combine(Path.GetDirectoryName(project)!, "bin", "Debug", "net10.0", "App.dll"));
        server.Initialize();
        Assert.Equal(
            """{"tools":[{"name":"hello","description":"Says hello.","inputSchema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}}]}""",
            server.Request(1, "tools/list").GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task A_fresh_Generic_Host_project_on_McpForge_Hosting_alone_builds_and_serves()
    {
        // McpForge.Hosting brings McpForge (runtime, generator, analyzers) and Microsoft.Extensions.Hosting with it.
        var project = CreateProject("hosted", """
            using McpForge;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddMcpServer("throwaway", "1.0.0", mcp => mcp.AddGeneratedComponents());
            builder.Services.AddMcpStdioTransport();
            await builder.Build().RunAsync();

            public sealed partial class Tools
            {
                /// <summary>Says hello.</summary>
                [McpTool("hello")]
                public static string Hello(string name) => "Hello, " + name;
            }
            """, "McpForge.Hosting");
        await Build(project);

        await using var server = ChildProcess.Start("dotnet", new System.Collections.Generic.Dictionary<string, string> { ["McpForge__Instructions"] = "Be kind." },
            Path.Combine(Path.GetDirectoryName(project)!, "bin", "Debug", "net10.0", "App.dll"));
        Assert.Equal("Be kind.", server.Initialize().GetProperty("result").GetProperty("instructions").GetString());
        Assert.Equal("Hello, Ada", server.Request(1, "tools/call", """{"name":"hello","arguments":{"name":"Ada"}}""")
            .GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_fresh_xunit_project_on_McpForge_Testing_tests_its_server_in_process_and_snapshots_its_tools()
    {
        // McpForge.Testing brings McpForge (runtime and generator) with it; xunit comes from the machine's packages.
        var folder = Path.Combine(packed.Root, "testing");
        Directory.CreateDirectory(folder);
        WriteNuGetConfig(folder, withMachineCache: true);
        File.WriteAllText(Path.Combine(folder, "App.Tests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- Outside the project folder: its default globs would compile the content files of the packages. -->
                <RestorePackagesPath>{Path.Combine(packed.Root, "testing-packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="McpForge.Testing" Version="{RepositoryPaths.Version}" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="{CentralVersion("Microsoft.NET.Test.Sdk")}" />
                <PackageReference Include="xunit.v3.mtp-off" Version="{CentralVersion("xunit.v3.mtp-off")}" />
                <PackageReference Include="xunit.runner.visualstudio" Version="{CentralVersion("xunit.runner.visualstudio")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "ToolTests.cs"), """
            using System.Text.Json.Serialization;
            using McpForge;
            using McpForge.Testing;
            using Xunit;

            public sealed record Sum(int Total);

            [JsonSerializable(typeof(Sum))]
            [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
            public sealed partial class Json : JsonSerializerContext;

            public sealed partial class Tools
            {
                /// <summary>Adds.</summary>
                [McpTool("add")]
                public static Sum Add(int a, int b) => new(a + b);
            }

            public sealed class ToolTests
            {
                private static Task<McpTestClient> Connect(McpTestProtocol protocol) =>
                    McpTestClient.ConnectAsync(McpServer.CreateBuilder("outside", "1.0.0").AddTools<Tools>(), new McpTestClientOptions { Protocol = protocol }, TestContext.Current.CancellationToken);

                [Theory]
                [InlineData(McpTestProtocol.Session)]
                [InlineData(McpTestProtocol.Stateless)]
                public async Task Add_adds_in_both_eras(McpTestProtocol protocol)
                {
                    await using var client = await Connect(protocol);
                    var result = await client.CallToolAsync("add", new() { ["a"] = 2, ["b"] = 3 }, TestContext.Current.CancellationToken);
                    Assert.Equal(new Sum(5), result.GetStructuredContent(Json.Default.Sum));
                }

                [Fact]
                public async Task The_tools_match_their_snapshot()
                {
                    await using var client = await Connect(McpTestProtocol.Session);
                    await McpToolsSnapshot.AssertMatchesAsync(client, cancellationToken: TestContext.Current.CancellationToken); // tools.snapshot.json beside this file
                }
            }
            """);
        var snapshot = Path.Combine(folder, "tools.snapshot.json");
        var results = Path.Combine(folder, "results");
        string[] test = ["test", Path.Combine(folder, "App.Tests.csproj"), "-nologo", "--results-directory", results, $"-p:VSTestResultsDirectory={results}"];

        // First run: no snapshot yet, so the snapshot test fails, saying how to accept it.
        var (failed, firstLog) = await PackedRepository.TryRunAsync("dotnet", test, folder);
        Assert.True(failed != 0, "the first run should fail without a snapshot:\n" + firstLog);
        Assert.True(firstLog.Contains("There is no tools snapshot at", StringComparison.Ordinal), firstLog);
        Assert.Contains("Failed:     1, Passed:     2", firstLog);

        // With the update switch the snapshot is written; then a plain run passes.
        var (updated, updateLog) = await PackedRepository.TryRunAsync("dotnet", [.. test, "--no-build", "-e", "MCPFORGE_UPDATE_SNAPSHOTS=1"], folder);
        Assert.True(updated == 0, "the update run failed:\n" + updateLog);
        Assert.Contains("\"name\": \"add\"", File.ReadAllText(snapshot));
        var (passed, log) = await PackedRepository.TryRunAsync("dotnet", [.. test, "--no-build"], folder);
        Assert.True(passed == 0, "the test project failed:\n" + log);
        Assert.Contains("Failed:     0, Passed:     3", log);
    }

    /// <summary>A version from the repository's Directory.Packages.props, so the outside project uses what the repository does.</summary>
    private static string CentralVersion(string id) =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props")).Descendants()
            .Single(e => e.Name.LocalName == "PackageVersion" && (string?)e.Attribute("Include") == id).Attribute("Version")!.Value;

    [Fact]
    public async Task A_fresh_web_project_on_McpForge_AspNetCore_Redis_alone_builds_and_its_fleet_settings_are_checked_at_start()
    {
        // McpForge.AspNetCore.Redis brings McpForge.AspNetCore, McpForge, StackExchange.Redis and YARP's forwarder with it.
        var project = CreateProject("fleet", """
            using McpForge;
            using McpForge.AspNetCore;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateSlimBuilder(args);
            builder.Services.AddMcpServer("fleet", "1.0.0", mcp => mcp.AddTools<Tools>());
            builder.Services.AddMcpRedisScaleOut(builder.Configuration);
            var app = builder.Build();
            app.MapMcp("/mcp");
            app.Run();

            public sealed partial class Tools
            {
                /// <summary>Says hello.</summary>
                [McpTool("hello")]
                public static string Hello(string name) => "Hello, " + name;
            }
            """, "McpForge.AspNetCore.Redis", sdk: "Microsoft.NET.Sdk.Web");
        await Build(project);

        // Scale-out turned on by configuration alone, with a setting missing: the start fails and names it.
        var app = Path.Combine(Path.GetDirectoryName(project)!, "bin", "Debug", "net10.0", "App.dll");
        var (exitCode, log) = await PackedRepository.TryRunAsync("dotnet", [app, "--McpForge:Redis:Configuration=127.0.0.1:1", "--urls", "http://127.0.0.1:0"],
            Path.GetDirectoryName(project)!);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("McpForge:Redis:InstanceUrl is required: how the other instances reach this one", log);
        Assert.Contains("McpForge:Redis:ForwardingKey", log);
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
        var (exitCode, log) = await PackedRepository.TryRunAsync("dotnet", ["build", project, "-nologo"], Path.GetDirectoryName(project)!);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Program.cs(9,19): error MCPF0002: Tool 'open' returns 'System.IO.Stream'", log);
    }

    private static async Task Build(string project)
    {
        var (exitCode, log) = await PackedRepository.TryRunAsync("dotnet", ["build", project, "-nologo"], Path.GetDirectoryName(project)!);
        Assert.True(exitCode == 0, "build failed:\n" + log);
    }

    /// <summary>A project outside the repository that restores only from the feed, into its own packages folder.</summary>
    private string CreateProject(string name, string program, string package = "McpForge", string sdk = "Microsoft.NET.Sdk")
    {
        var folder = Path.Combine(packed.Root, name);
        Directory.CreateDirectory(folder);
        WriteNuGetConfig(folder, withMachineCache: false);
        File.WriteAllText(Path.Combine(folder, "App.csproj"), $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RestorePackagesPath>{Path.Combine(folder, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{package}" Version="{RepositoryPaths.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), program);
        return Path.Combine(folder, "App.csproj");
    }

    /// <summary>
    /// The feed as the only source of McpForge packages; with <paramref name="withMachineCache"/>, everything else (a
    /// test framework) from the machine's global packages folder, where the repository's own restore put it.
    /// </summary>
    private void WriteNuGetConfig(string folder, bool withMachineCache)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var machine = withMachineCache
            ? $"""
              <add key="machine-cache" value="{cache}" />
            </packageSources>
            <packageSourceMapping>
              <packageSource key="local"><package pattern="McpForge" /><package pattern="McpForge.*" /><package pattern="*" /></packageSource>
              <packageSource key="machine-cache"><package pattern="*" /></packageSource>
            </packageSourceMapping>
            """
            : "</packageSources>";
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packed.Feed}" />
              {machine}
            </configuration>
            """);
    }

    private static XDocument Nuspec(ZipArchive zip)
    {
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    private static string Read(ZipArchive zip, string entry) => Encoding.UTF8.GetString(Bytes(zip, entry));

    private static byte[] Bytes(ZipArchive zip, string entry)
    {
        using var stream = zip.GetEntry(entry)?.Open() ?? throw new FileNotFoundException(entry + " is not in the package");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
