using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace McpForge.Generators.Tests.Infrastructure;

/// <summary>
/// Golden files of generated code: <c>Baselines/{Test}/{HintName}.txt</c>, one per generated file, compared after
/// normalising line endings and the generator version (<c>%VERSION%</c>). <c>UPDATE_SNAPSHOTS=1</c> rewrites them
/// and deletes stale ones; review the diff before committing.
/// </summary>
internal static class Baselines
{
    private static readonly bool s_update = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";

    public static void Verify(string test, IReadOnlyList<(string HintName, string Text)> generated)
    {
        var folder = Path.Combine(ProjectFolder(), "Baselines", test);
        var actual = generated.ToDictionary(g => g.HintName + ".txt", g => Normalize(g.Text), StringComparer.Ordinal);

        if (s_update)
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            foreach (var (name, text) in actual) File.WriteAllText(Path.Combine(folder, name), text);
            return;
        }

        var expectedFiles = Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];
        Assert.True(expectedFiles.SequenceEqual(actual.Keys.Order(StringComparer.Ordinal)),
            $"generated files [{string.Join(", ", actual.Keys)}] differ from baselines [{string.Join(", ", expectedFiles)}] in {folder}; run with UPDATE_SNAPSHOTS=1 and review");

        foreach (var (name, text) in actual)
        {
            var expected = Normalize(File.ReadAllText(Path.Combine(folder, name)));
            if (expected == text) continue;
            var expectedLines = expected.Split('\n');
            var actualLines = text.Split('\n');
            var line = 0;
            while (line < Math.Min(expectedLines.Length, actualLines.Length) && expectedLines[line] == actualLines[line]) line++;
            Assert.Fail($"{test}/{name} differs at line {line + 1}:\n  expected: {Get(expectedLines, line)}\n  actual:   {Get(actualLines, line)}\n(UPDATE_SNAPSHOTS=1 rewrites the baseline)");
        }
    }

    private static string Get(string[] lines, int index) => index < lines.Length ? lines[index] : "<end of file>";

    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n").Replace($"\"{McpForgeGeneratorVersion}\")]", "\"%VERSION%\")]").TrimStart('\uFEFF');

    private const string McpForgeGeneratorVersion = ThisAssembly.Version;

    /// <summary>
    /// The test project's source folder, found from the test binary (not [CallerFilePath]: CI builds are
    /// deterministic and map source paths to /_/).
    /// </summary>
    private static string ProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "McpForge.Generators.Tests");
            if (File.Exists(Path.Combine(candidate, "McpForge.Generators.Tests.csproj"))) return candidate;
        }
        throw new InvalidOperationException("tests/McpForge.Generators.Tests not found above " + AppContext.BaseDirectory);
    }
}
