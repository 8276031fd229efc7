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
    /// <summary>
    /// Copies the dependency closure of every package in <paramref name="feed"/> into it, as restore resolves it: where
    /// two paths ask for different versions of a package, the higher one (Microsoft.AspNetCore.DataProtection.StackExchangeRedis
    /// asks for StackExchange.Redis 2.7.27 or later, McpForge.AspNetCore.Redis for 3.4.35, so only 3.4.35 and its own
    /// dependencies are needed). A first walk finds the highest version asked for each package; the second copies those,
    /// or the version asked where the highest is not in the global packages folder.
    /// </summary>
    public static void AddDependencies(string feed)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var ours = Directory.GetFiles(feed, "*.nupkg");
        var highest = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Walk(ours, (id, version) =>
        {
            if (!highest.TryGetValue(id, out var seen) || Compare(version, seen) > 0) highest[id] = version;
            return CachePath(cache, id, version) is var path && File.Exists(path) ? path : null;
        }, feed);
        Walk(ours, (id, version) =>
        {
            // The highest version asked for; when the repository's restore never needed it (it pruned it as part of the
            // ASP.NET Core shared framework, for the web projects only), the version this path asks for.
            var source = CachePath(cache, id, highest[id]);
            if (!File.Exists(source)) source = CachePath(cache, id, version);
            if (!File.Exists(source))
            {
                if (InSharedFramework(id)) return null;
                throw new FileNotFoundException($"Dependency {id} {version} is not in the global packages folder {cache}.", source);
            }
            var target = Path.Combine(feed, Path.GetFileName(source));
            File.Copy(source, target, overwrite: true);
            return target;
        }, feed);
    }

    /// <summary>
    /// Visits the dependencies of <paramref name="roots"/> and, through the package <paramref name="visit"/> returns for each
    /// (null: none to walk into), theirs, each id and version once.
    /// </summary>
    private static void Walk(IEnumerable<string> roots, Func<string, string, string?> visit, string feed)
    {
        var pending = new Queue<string>(roots);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (pending.TryDequeue(out var package))
        {
            foreach (var (id, version) in Dependencies(package))
            {
                if (!seen.Add(id + "/" + version)) continue;
                // One of the packages packed into the feed (McpForge.Hosting depends on McpForge): walked as a root already.
                if (File.Exists(Path.Combine(feed, $"{id}.{version}.nupkg"))) continue;
                if (visit(id, version) is { } next) pending.Enqueue(next);
            }
        }
    }

    private static string CachePath(string cache, string id, string version) =>
        Path.Combine(cache, id.ToLowerInvariant(), version, $"{id.ToLowerInvariant()}.{version}.nupkg");

    /// <summary>Orders two versions numerically (a prerelease label is ignored: none of these dependencies has one).</summary>
    private static int Compare(string a, string b) =>
        Version.TryParse(a.Split('-')[0], out var x) && Version.TryParse(b.Split('-')[0], out var y) ? x.CompareTo(y) : string.CompareOrdinal(a, b);

    /// <summary>
    /// True when a shared framework of this .NET (Microsoft.NETCore.App, Microsoft.AspNetCore.App) carries the package's
    /// assembly: restore prunes such a package for a project on that framework (McpForge.AspNetCore.Redis depends on
    /// Microsoft.AspNetCore.DataProtection), so it is never in the global packages folder and no project needs it.
    /// </summary>
    private static bool InSharedFramework(string id)
    {
        // .../shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll: the frameworks are that folder's siblings.
        var shared = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", ".."));
        return Directory.EnumerateDirectories(shared).SelectMany(Directory.EnumerateDirectories).Any(framework => File.Exists(Path.Combine(framework, id + ".dll")));
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
        string?[] preference = ["net10.0", ".NETCoreApp10.0", "net9.0", ".NETCoreApp9.0", "net8.0", ".NETCoreApp8.0", "net7.0", "net6.0", "net5.0",
            ".NETCoreApp3.1", "netcoreapp3.1", ".NETStandard2.1", "netstandard2.1", ".NETStandard2.0", "netstandard2.0", null];
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
