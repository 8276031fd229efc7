using System.Collections.Generic;

namespace McpForge.AspNetCore.Tests.Harness;

/// <summary>One item of the catalogue.</summary>
public sealed record CatalogItem(int Id, string Name);

/// <summary>A tool, prompt, resource and template with their own cache hints and icons, for the list and read results of both eras.</summary>
public sealed partial class CatalogComponents
{
    /// <summary>The catalogue's item count.</summary>
    [McpTool("count_items", CacheTtlMs = 60000, CacheScope = McpCacheScope.Public)]
    [McpIcon("https://example.com/count-48.png", MimeType = "image/png", Sizes = "48x48 96x96", Theme = "light")]
    [McpIcon("data:image/svg+xml;base64,PHN2Zy8+", Sizes = "any", Theme = "dark")]
    public static int CountItems() => 3;

    /// <summary>The catalogue's items: an array result, structured for 2026-07-28 calls only.</summary>
    [McpTool("list_items")]
    public static List<CatalogItem> ListItems() => [new(1, "pen"), new(2, "ink")];

    /// <summary>The same items as text only (<c>StructuredOutput = false</c>).</summary>
    [McpTool("list_items_as_text", StructuredOutput = false)]
    public static CatalogItem[] ListItemsAsText() => [new(1, "pen")];

    /// <summary>The mean price of the catalogue's items.</summary>
    /// <returns>In euros.</returns>
    [McpTool("average_price")]
    public static double AveragePrice() => 2.5;

    /// <summary>Whether anything is in stock.</summary>
    [McpTool("in_stock")]
    public static bool InStock() => true;

    /// <summary>A ratio with no value: NaN, which JSON cannot carry.</summary>
    [McpTool("unknown_ratio")]
    public static double UnknownRatio() => double.NaN;

    /// <summary>The item count as text only (<c>StructuredOutput = false</c>).</summary>
    [McpTool("count_as_text", StructuredOutput = false)]
    public static long CountAsText() => 3;

    /// <summary>Summarises the catalogue.</summary>
    [McpPrompt("summarize", Title = "Summarize", CacheTtlMs = 30000, CacheScope = McpCacheScope.Private)]
    [McpIcon("https://example.com/summarize.png")]
    public static string Summarize() => "Summarize the catalogue.";

    /// <summary>The catalogue's front page.</summary>
    [McpResource("catalog://front", Title = "Front page", MimeType = "text/plain", CacheTtlMs = 120000, CacheScope = McpCacheScope.Public)]
    [McpIcon("https://example.com/front.png", MimeType = "image/png")]
    public static string Front() => "front";

    /// <summary>One item of the catalogue.</summary>
    [McpResource("catalog://items/{id}", Title = "Item", CacheTtlMs = 0)]
    [McpIcon("https://example.com/item.png", Sizes = "32x32")]
    public static string Item(int id) => "item " + id;
}
