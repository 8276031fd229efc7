using System;
using System.Linq;
using CsCheck;

namespace McpForge.ReliabilityTests.Fuzzing;

/// <summary>
/// The CI form of the fuzzing (eng/fuzz.sh is the long, coverage-guided one): every seed and fixed finding replayed,
/// then each target fed mutated and random inputs for a bounded time. The invariants are the targets' own
/// (tests/Fuzz/McpForge.Fuzz/Targets): no exception escapes, no input hangs, a request gets exactly one valid JSON-RPC
/// response carrying its id, and the server answers ping afterwards.
/// </summary>
public sealed class FuzzTargetTests(ITestOutputHelper output)
{
    /// <summary>Seconds each target is fed random inputs in CI; CsCheck_Time overrides it.</summary>
    private const int Seconds = 8;

    public static TheoryData<string> Targets => new(FuzzInputs.Targets);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_and_fixed_finding_keeps_the_invariants(string target)
    {
        var run = McpForge.Fuzz.FuzzTargets.All[target];
        var seeds = FuzzInputs.Seeds(target);
        Assert.NotEmpty(seeds);
        var failures = seeds.Select(seed =>
        {
            try
            {
                run(seed.Bytes);
                return null;
            }
            catch (Exception ex)
            {
                return seed.Path + ": " + ex.Message;
            }
        }).OfType<string>().ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutated_and_random_inputs_keep_the_invariants(string target)
    {
        var run = McpForge.Fuzz.FuzzTargets.All[target];
        var count = 0L;
        FuzzInputs.For(target).Sample(bytes =>
        {
            System.Threading.Interlocked.Increment(ref count);
            run(bytes);
        }, time: Seconds, threads: 1, print: bytes => Convert.ToHexString(bytes));
        output.WriteLine($"{target}: {count:#,0} inputs in {Seconds} s, none broke an invariant");
        Assert.True(count > 100, $"only {count} inputs ran");
    }
}
