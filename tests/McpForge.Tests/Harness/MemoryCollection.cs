using Xunit;

namespace McpForge.Tests.Harness;

/// <summary>Tests that measure the process's heap run alone: other tests allocating meanwhile would skew the figures.</summary>
[CollectionDefinition(nameof(MemoryCollection), DisableParallelization = true)]
public sealed class MemoryCollection;
