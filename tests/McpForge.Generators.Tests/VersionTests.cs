using System.Linq;
using System.Reflection;
using McpForge.Generators.Tests.Infrastructure;

namespace McpForge.Generators.Tests;

/// <summary>
/// The version is written once (Directory.Build.props): generated code is stamped with the version the build was given,
/// so <c>-p:Version=…</c> reaches it, and the golden files hold <c>%VERSION%</c> instead of any number.
/// </summary>
public sealed class VersionTests
{
    [Fact]
    public void Generated_code_carries_the_version_of_the_build()
    {
        // This assembly and the generator are built with the same $(Version); the informational version may carry "+commit".
        var version = typeof(VersionTests).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.Equal(ThisAssembly.Version, version);

        var result = GeneratorHarness.RunClean("""
            using McpForge;
            public sealed partial class T
            {
                /// <summary>Says hi.</summary>
                [McpTool("hi")] public static string Hi() => "hi";
            }
            """);
        Assert.All(result.Generated, g => Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"McpForge.Generators\", \"{version}\")]", g.Text));
        Assert.True(result.Generated.Length > 0);
    }
}
