using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace McpForge.IntegrationTests;

/// <summary>
/// A folder feed that holds the packed McpForge package and everything it depends on, so that a project restoring
/// only from it proves the package is complete. Dependencies are copied from the machine's global packages folder,
/// where the repository's own restore put them.
/// </summary>
internal static class LocalFeed
{
    /// <summary>Copies the dependency closure of every package in <paramref name="feed"/> into it.</summary>
    public static void AddDependencies(string feed)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var pending = new Queue<string>(Directory.GetFiles(feed, "*.nupkg"));
        var copied = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (pending.TryDequeue(out var package))
        {
            foreach (var (id, version) in Dependencies(package))
            {
                var key = id + "/" + version;
                if (!copied.Add(key)) continue;
                // One of the packages packed into the feed (McpForge.Hosting depends on McpForge): its own dependencies are walked already.
                if (File.Exists(Path.Combine(feed, $"{id}.{version}.nupkg"))) continue;
                var source = Path.Combine(cache, id.ToLowerInvariant(), version, $"{id.ToLowerInvariant()}.{version}.nupkg");
                if (!File.Exists(source)) throw new FileNotFoundException($"Dependency {id} {version} is not in the global packages folder {cache}.", source);
                var target = Path.Combine(feed, Path.GetFileName(source));
                File.Copy(source, target, overwrite: true);
                pending.Enqueue(target);
            }
        }
    }

    /// <summary>The net10.0 (or framework-independent) dependencies a package's nuspec declares, at their minimum versions.</summary>
    private static IEnumerable<(string Id, string Version)> Dependencies(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var nuspec = zip.Entries.First(e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = nuspec.Open();
        var document = XDocument.Load(stream);
        var groups = document.Descendants().Where(e => e.Name.LocalName == "group").ToList();
        // The group restore would pick for a net10.0 project: the nearest .NET version, then .NET Standard.
        string?[] preference = ["net10.0", ".NETCoreApp10.0", "net9.0", "net8.0", ".NETStandard2.1", "netstandard2.1", ".NETStandard2.0", "netstandard2.0", null];
        var chosen = preference.Select(tfm => groups.FirstOrDefault(g => (string?)g.Attribute("targetFramework") == tfm)).FirstOrDefault(g => g is not null);
        var dependencies = chosen?.Elements() ?? document.Descendants().Where(e => e.Name.LocalName == "dependency");
        foreach (var dependency in dependencies.Where(e => e.Name.LocalName == "dependency"))
        {
            var range = (string?)dependency.Attribute("version") ?? "";
            // "[1.0.0, )" or "1.0.0": the lower bound is what restore picks from a feed that has only it.
            yield return ((string)dependency.Attribute("id")!, range.Trim('[', '(', ' ').Split(',')[0].Trim());
        }
    }
}
