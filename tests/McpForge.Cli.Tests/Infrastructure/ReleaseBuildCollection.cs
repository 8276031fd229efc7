namespace McpForge.Cli.Tests.Infrastructure;

/// <summary>Tests that publish NativeAOT or build packages use both cores for a minute; they run one at a time.</summary>
[CollectionDefinition(nameof(ReleaseBuildCollection), DisableParallelization = true)]
public sealed class ReleaseBuildCollection;
