using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using McpForge.Cli.Tests.Infrastructure;

namespace McpForge.Cli.Tests;

/// <summary>The CLI publishes as one NativeAOT binary with no IL or AOT warning, and the binary does what the JIT build does.</summary>
[Collection(nameof(ReleaseBuildCollection))]
public sealed class CliNativeAotTests
{
    [Fact]
    public async Task The_CLI_publishes_as_NativeAOT_without_warnings_and_the_binary_runs_doctor_list_and_trace()
    {
        var folder = Repo.TempFolder("mcpforge-cli-aot");
        try
        {
            // Its own artifacts path: nothing of the repository's bin/ and obj/ is touched while other tests run.
            var publish = await ProcessRunner.RunAsync("dotnet", ["publish", Path.Combine(RepositoryPaths.Root, "src", "McpForge.Cli"), "-r", "linux-x64", "-p:PublishAot=true",
                "--artifacts-path", Path.Combine(folder, "artifacts"), "-o", Path.Combine(folder, "out"), "-nologo"], TimeSpan.FromMinutes(8));
            Assert.True(publish.ExitCode == 0, "publish failed:\n" + publish);
            BuildOutput.AssertNoWarnings(publish);

            var binary = Path.Combine(folder, "out", "mcpforge");
            Assert.True(File.Exists(binary), "no native binary at " + binary);

            var doctor = await ProcessRunner.RunAsync(binary, ["doctor", "--json", "--", "dotnet", Repo.QuickStartDll], TimeSpan.FromSeconds(60));
            Assert.True(doctor.ExitCode == 0, doctor.ToString());
            var report = DoctorJson.Parse(doctor);
            Assert.Empty(report.Ids("failed"));
            Assert.Equal("3 tools in 1 page", report.Detail("list.tools"));

            await using (var server = await NodeHttpServer.StartAsync())
            {
                var http = DoctorJson.Parse(await ProcessRunner.RunAsync(binary, ["doctor", "--json", "--url", server.Url], TimeSpan.FromSeconds(60)));
                Assert.Equal("passed", http.Status("http.session"));
                Assert.Equal("passed", http.Status("http.origin"));
                var call = await ProcessRunner.RunAsync(binary, ["call", "add", "--args", """{"a":1,"b":2}""", "--url", server.Url], TimeSpan.FromSeconds(60));
                Assert.Equal("3\n", call.Stdout);
            }

            var ping = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"ping"}""" + "\n");
            var trace = await ProcessRunner.RunAsync(binary, ["trace", "--", "dotnet", Repo.QuickStartDll], TimeSpan.FromSeconds(60), stdin: ping);
            Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""" + "\n", trace.Stdout);
            Assert.Contains("\"dir\":\"out\",\"kind\":\"response\",\"id\":1,\"method\":\"ping\",\"bytes\":36,\"latencyMs\":", trace.Stderr);
        }
        finally
        {
            Repo.DeleteQuietly(folder);
        }
    }
}
