using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;

namespace McpForge.ReliabilityTests.Fuzzing;

/// <summary>
/// The inputs of the property tests: the checked-in seeds and fixed findings of a target, and generators that mutate
/// them the way AFL++ does (bit flips, inserted and deleted bytes, spliced tokens of JSON and of HTTP headers) or
/// make bytes from nothing.
/// </summary>
internal static class FuzzInputs
{
    public static readonly string[] Targets = [.. McpForge.Fuzz.FuzzTargets.All.Keys];

    /// <summary>tests/Fuzz/corpus/&lt;target&gt; and tests/Fuzz/regressions/&lt;target&gt;.</summary>
    public static IReadOnlyList<(string Path, byte[] Bytes)> Seeds(string target) =>
        [.. new[] { "corpus", "regressions" }
            .Select(kind => Path.Combine(RepositoryPaths.Root, "tests", "Fuzz", kind, target))
            .Where(Directory.Exists)
            .SelectMany(Directory.GetFiles)
            .Order(StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllBytes(path)))];

    // Tokens a mutation splices in: JSON structure and the edges of its numbers, strings and escapes, JSON-RPC and
    // MCP names, URI-template operators, and the separators of HTTP headers.
    private static readonly byte[][] s_tokens = [.. new[]
    {
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "0", "-0", "1e309", "-1e-400", "9223372036854775808",
        "1.5", "\\", "\\u0000", "\\ud800", "\\udfff", "\\n", "\u00e9", "\U0001F600", "\"jsonrpc\":\"2.0\"", "\"id\":",
        "\"method\":", "\"params\":", "\"tools/call\"", "\"initialize\"", "\"notifications/cancelled\"", "\"arguments\":",
        "\"name\":", "\"uri\":", "{+", "{#", "{/", "{?", "{&", "{.", "{;", "*", ":3", "%", "%zz", "%00", "q=0.5", ";",
        "text/event-stream", "application/json", "*/*", "\r\n", "\n", " ", "\t",
    }.Select(Encoding.UTF8.GetBytes)];

    /// <summary>A seed mutated one to eight times, or (one time in five) random bytes.</summary>
    public static Gen<byte[]> For(string target)
    {
        var seeds = Seeds(target).Select(s => s.Bytes).ToArray();
        var mutation = Gen.Select(Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[0, s_tokens.Length - 1]);
        var mutated = Gen.Select(Gen.Int[0, seeds.Length - 1], mutation.Array[1, 8], (seed, steps) => Mutate(seeds[seed], steps));
        return Gen.Frequency((4, mutated), (1, Gen.Byte.Array[0, 300]));
    }

    private static byte[] Mutate(byte[] seed, (int Kind, int Position, byte Value, int Token)[] steps)
    {
        var bytes = new List<byte>(seed);
        foreach (var (kind, position, value, token) in steps)
        {
            var at = bytes.Count == 0 ? 0 : position % (bytes.Count + 1);
            switch (kind)
            {
                case 0 when at < bytes.Count:
                    bytes[at] ^= (byte)(1 << (value % 8)); // flip one bit
                    break;
                case 1:
                    bytes.Insert(at, value);
                    break;
                case 2 when at < bytes.Count:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + value % 16));
                    break;
                case 3:
                    bytes.InsertRange(at, s_tokens[token]);
                    break;
                case 4 when at < bytes.Count:
                    var length = Math.Min(bytes.Count - at, 1 + value % 32);
                    bytes.InsertRange(at, bytes.GetRange(at, length)); // repeat a stretch (deep nesting, long strings)
                    break;
                default:
                    if (at < bytes.Count) bytes[at] = value;
                    break;
            }
        }
        return [.. bytes];
    }
}
