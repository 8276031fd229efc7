using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using McpForge.Cli.Doctor;
using McpForge.Cli.Tests.Infrastructure;

namespace McpForge.Cli.Tests;

/// <summary>Every link the doctor prints leads somewhere, and the docs list every check.</summary>
public sealed partial class DocsTests
{
    [GeneratedRegex(@"^#{1,6} (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    /// <summary>The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static string Anchor(string heading) =>
        Regex.Replace(heading.Trim().ToLowerInvariant().Replace("`", ""), @"[^a-z0-9 _-]", "").Replace(' ', '-');

    [Fact]
    public void Every_check_links_to_a_heading_of_the_troubleshooting_page()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, DoctorCatalog.DocsPage));
        var anchors = Heading().Matches(page).Select(m => Anchor(m.Groups[1].Value)).ToHashSet();
        foreach (var check in DoctorCatalog.All)
            Assert.True(anchors.Contains(check.Anchor), $"{check.Id} links to #{check.Anchor}, which docs/troubleshooting.md lacks");
    }

    [Fact]
    public void The_CLI_reference_lists_every_check_id_and_the_ids_are_unique()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "cli.md"));
        Assert.Equal(DoctorCatalog.All.Count, DoctorCatalog.All.Select(c => c.Id).Distinct().Count());
        foreach (var check in DoctorCatalog.All) Assert.Contains($"`{check.Id}`", page);
    }
}
