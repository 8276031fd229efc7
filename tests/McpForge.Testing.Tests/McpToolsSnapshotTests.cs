using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace McpForge.Testing.Tests;

/// <summary>
/// The tools/list snapshot: the checked-in file matches, a schema change fails with the line that changed, a missing
/// snapshot fails, and MCPFORGE_UPDATE_SNAPSHOTS=1 writes it. The tests that set the variable are in this one class, so
/// xUnit runs them one at a time.
/// </summary>
public sealed class McpToolsSnapshotTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mcpforge-snapshot-" + Guid.NewGuid().ToString("N"));

    // The switch as the run was started (MCPFORGE_UPDATE_SNAPSHOTS=1 dotnet test … rewrites the checked-in snapshot);
    // the tests of the switch itself set it and put it back.
    private readonly string? _update = Environment.GetEnvironmentVariable(McpToolsSnapshot.UpdateVariable);

    public McpToolsSnapshotTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(McpToolsSnapshot.UpdateVariable, _update);
        Directory.Delete(_folder, recursive: true);
    }

    private static Task<McpTestClient> Connect() =>
        McpTestClient.ConnectAsync(WeatherServer.Builder(), cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_weather_tools_match_the_snapshot_checked_in_beside_this_file()
    {
        await using var client = await Connect();
        await McpToolsSnapshot.AssertMatchesAsync(client, "Snapshots/weather-tools.json", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_deterministic_build_s_mapped_source_path_still_finds_the_snapshot_above_the_test_binary()
    {
        await using var client = await Connect();
        // What [CallerFilePath] gives under ContinuousIntegrationBuild: /_/ is no folder on disk.
        await McpToolsSnapshot.AssertMatchesAsync(client, "Snapshots/weather-tools.json", TestContext.Current.CancellationToken,
            "/_/tests/McpForge.Testing.Tests/McpToolsSnapshotTests.cs");
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => McpToolsSnapshot.AssertMatchesAsync(client, "tools.json", TestContext.Current.CancellationToken,
            "/_/no/such/folder-" + Guid.NewGuid().ToString("N") + "/Tests.cs"));
        Assert.Contains("pass an absolute path", unknown.Message);
    }

    [Fact]
    public async Task A_changed_schema_fails_naming_the_file_and_the_first_line_that_differs()
    {
        Environment.SetEnvironmentVariable(McpToolsSnapshot.UpdateVariable, null);
        var path = Path.Combine(_folder, "tools.json");
        await using (var client = await Connect())
        {
            File.WriteAllText(path, File.ReadAllText(SnapshotBesideThisFile()));
            McpToolsSnapshot.AssertMatches(await client.ListToolsAsync(TestContext.Current.CancellationToken), path);
        }

        // The snapshot of an older build, whose forecast tool described its parameter differently.
        var changed = File.ReadAllText(path).Replace("\"description\": \"The city.\"", "\"description\": \"The town.\"");
        Assert.NotEqual(File.ReadAllText(path), changed);
        File.WriteAllText(path, changed);
        await using var again = await Connect();
        var tools = await again.ListToolsAsync(TestContext.Current.CancellationToken);
        var mismatch = Assert.Throws<McpSnapshotMismatchException>(() => McpToolsSnapshot.AssertMatches(tools, path));
        Assert.Equal(path, mismatch.Path);
        Assert.StartsWith($"tools/list no longer matches the snapshot {path}. Line ", mismatch.Message);
        Assert.Contains(" was\n  \"description\": \"The town.\"\nand now is\n  \"description\": \"The city.\"\n", mismatch.Message);
        Assert.EndsWith("Run the tests with MCPFORGE_UPDATE_SNAPSHOTS=1 to accept it.", mismatch.Message);
    }

    [Fact]
    public async Task A_missing_snapshot_fails_and_the_update_switch_writes_it_then_it_matches()
    {
        Environment.SetEnvironmentVariable(McpToolsSnapshot.UpdateVariable, null);
        var path = Path.Combine(_folder, "sub", "tools.json");
        await using var client = await Connect();
        var tools = await client.ListToolsAsync(TestContext.Current.CancellationToken);

        var missing = Assert.Throws<McpSnapshotMismatchException>(() => McpToolsSnapshot.AssertMatches(tools, path));
        Assert.Equal($"There is no tools snapshot at {path}. Run the tests with MCPFORGE_UPDATE_SNAPSHOTS=1 to accept it.", missing.Message);
        Assert.False(File.Exists(path));

        Environment.SetEnvironmentVariable(McpToolsSnapshot.UpdateVariable, "1");
        McpToolsSnapshot.AssertMatches(tools, path);
        Environment.SetEnvironmentVariable(McpToolsSnapshot.UpdateVariable, null);
        Assert.Equal(File.ReadAllText(SnapshotBesideThisFile()), File.ReadAllText(path));
        McpToolsSnapshot.AssertMatches(tools, path);
    }

    [Fact]
    public async Task The_update_switch_rewrites_a_stale_snapshot_with_what_the_server_lists_now()
    {
        Environment.SetEnvironmentVariable(McpToolsSnapshot.UpdateVariable, null);
        var path = Path.Combine(_folder, "tools.json");
        File.WriteAllText(path, "[]\n");
        await using var weather = await Connect();
        var tools = await weather.ListToolsAsync(TestContext.Current.CancellationToken);
        Assert.Throws<McpSnapshotMismatchException>(() => McpToolsSnapshot.AssertMatches(tools, path));
        Environment.SetEnvironmentVariable(McpToolsSnapshot.UpdateVariable, "true");
        McpToolsSnapshot.AssertMatches(tools, path);
        Environment.SetEnvironmentVariable(McpToolsSnapshot.UpdateVariable, null);
        Assert.Equal(File.ReadAllText(SnapshotBesideThisFile()), File.ReadAllText(path));
    }

    /// <summary>The checked-in snapshot, as copied beside the test binary (source paths are mapped in CI builds).</summary>
    private static string SnapshotBesideThisFile() => Path.Combine(AppContext.BaseDirectory, "Snapshots", "weather-tools.json");
}
