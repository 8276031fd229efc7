namespace McpForge.IntegrationTests;

/// <summary>
/// Tests that run Release builds of the repository's projects (pack, NativeAOT publish) share obj/ and bin/
/// folders, so they run one at a time.
/// </summary>
[CollectionDefinition(nameof(ReleaseBuildCollection), DisableParallelization = true)]
public sealed class ReleaseBuildCollection;
