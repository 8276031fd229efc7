using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Linq;
using System.Text.Json.Serialization;

[assembly: McpForge.McpSerialization(JsonContext = typeof(McpForge.Tests.Fixtures.FixtureJsonContext))]

namespace McpForge.Tests.Fixtures;

// The user types the serializer tests exercise: every built-in value, every collection shape, records, classes and
// structs bound every way (constructor, init, required, settable, read-only), nesting, recursion, inheritance,
// generics and the System.Text.Json attributes McpForge honours.

public enum Tier
{
    Free,
    Pro,
    [JsonStringEnumMemberName("enterprise-plus")] EnterprisePlus,
}

/// <summary>Every built-in value type McpForge writes, in a record bound through its constructor.</summary>
public sealed record Scalars(
    string Text, bool Flag, byte U8, sbyte I8, short I16, ushort U16, int I32, uint U32, long I64, ulong U64,
    Int128 I128, UInt128 U128, float F32, double F64, decimal Money, Half Small, char Letter, Guid Id,
    DateTime At, DateTimeOffset AtOffset, DateOnly Day, TimeOnly Time, TimeSpan Span, Uri Link, Tier Tier, byte[] Blob, JsonElement Any);

/// <summary>The same, nullable, in a class bound through settable properties.</summary>
public sealed class NullableScalars
{
    public string? Text { get; set; }
    public bool? Flag { get; set; }
    public int? I32 { get; set; }
    public long? I64 { get; set; }
    public double? F64 { get; set; }
    public decimal? Money { get; set; }
    public Guid? Id { get; set; }
    public DateTimeOffset? AtOffset { get; set; }
    public DateOnly? Day { get; set; }
    public TimeSpan? Span { get; set; }
    public Tier? Tier { get; set; }
    public byte[]? Blob { get; set; }
    public Uri? Link { get; set; }
    public JsonElement? Any { get; set; }
}

/// <summary>Every collection shape.</summary>
public sealed class Collections
{
    public int[] Numbers { get; set; } = [];
    public List<string> Words { get; set; } = [];
    public IReadOnlyList<Tier> Tiers { get; set; } = [];
    public IEnumerable<double> Weights { get; set; } = [];
    public HashSet<string> Tags { get; set; } = [];
    public Dictionary<string, int> Counts { get; set; } = new();
    public IReadOnlyDictionary<string, List<Guid>> Groups { get; set; } = new Dictionary<string, List<Guid>>();
    public List<List<int>> Grid { get; set; } = [];
    public int?[] Gaps { get; set; } = [];
    public List<string?> MaybeWords { get; set; } = [];
    public ISet<Tier>? TierSet { get; set; }
}

/// <summary>A postal address.</summary>
/// <param name="Street">Street and number.</param>
/// <param name="Zip">Five digits.</param>
public sealed record Address(string Street, [property: RegularExpression("^[0-9]{5}$")] string Zip, string? Unit = null);

/// <summary>One line of an order: required, init, settable and read-only members.</summary>
public sealed class OrderLine
{
    /// <summary>The product's code.</summary>
    [Required]
    public required string Sku { get; init; }

    [Range(1, 1000)]
    public int Quantity { get; set; } = 1;

    [JsonPropertyName("unit_price")]
    public decimal UnitPrice { get; init; }

    public List<string> Notes { get; init; } = [];

    [JsonIgnore]
    public string? Secret { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Gift { get; set; }

    /// <summary>Quantity times unit price.</summary>
    public decimal Total => Quantity * UnitPrice;
}

/// <summary>An amount in a currency.</summary>
public readonly record struct Money(decimal Amount, [property: StringLength(3, MinimumLength = 3)] string Currency);

/// <summary>A page of results.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

/// <summary>An order: nested records, a list, a dictionary, an enum and a time.</summary>
public sealed record Order(string Id, Address ShipTo, List<OrderLine> Lines, Tier Tier, DateTimeOffset PlacedAt)
{
    public Dictionary<string, string> Labels { get; init; } = new();
    public Money? Discount { get; init; }

    [JsonPropertyOrder(-1)]
    public int Version { get; init; } = 1;
}

/// <summary>A tree: recursion through a list and a nullable reference.</summary>
public sealed class TreeNode
{
    public string Name { get; set; } = "";
    public List<TreeNode> Children { get; set; } = [];
    public TreeNode? Link { get; set; }
}

public class Animal
{
    public string Name { get; set; } = "";
}

/// <summary>Inheritance: its own members first, then the base's, as System.Text.Json writes them.</summary>
public sealed class Dog : Animal
{
    public bool GoodBoy { get; set; }
}

/// <summary>A struct bound through settable properties and the default constructor.</summary>
public struct Counter
{
    public int Count { get; set; }
    public string? Label { get; set; }
}

/// <summary>Names that need camelCasing care, and one set by [JsonPropertyName].</summary>
public sealed record Naming(string URLValue, int IOCount, string ID, [property: JsonPropertyName("custom-name")] string Custom, string already_snake);

/// <summary>Everything nested at once, for the property tests.</summary>
public sealed record Bundle(Scalars Scalars, NullableScalars Nullables, Collections Collections, Order Order, TreeNode Tree, Dog Dog,
    Counter Counter, Naming Naming, Page<Address> Addresses);

/// <summary>Types the generator does not handle, routed through System.Text.Json (the escape hatch).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Circle), "circle")]
[JsonDerivedType(typeof(Square), "square")]
public abstract record Shape;

public sealed record Circle(double Radius) : Shape;

public sealed record Square(double Side) : Shape;

/// <summary>A drawing of shapes: generated code for itself, the user's context for each shape.</summary>
public sealed record Drawing(string Title, List<Shape> Shapes);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Shape))]
public sealed partial class FixtureJsonContext : JsonSerializerContext;

/// <summary>The tools that take and return the types above: each echoes its argument, so a call is a round trip.</summary>
public sealed partial class UserTypeTools
{
    /// <summary>Echoes every scalar.</summary>
    [McpTool("echo_scalars")] public static Scalars EchoScalars(Scalars value) => value;

    /// <summary>Echoes nullable scalars.</summary>
    [McpTool("echo_nullables")] public static NullableScalars EchoNullables(NullableScalars value) => value;

    /// <summary>Echoes collections.</summary>
    [McpTool("echo_collections")] public static Collections EchoCollections(Collections value) => value;

    /// <summary>Places an order.</summary>
    /// <param name="order">The order.</param>
    /// <param name="note">A note for the warehouse.</param>
    [McpTool("place_order")]
    public static async System.Threading.Tasks.Task<Order> PlaceOrderAsync(Order order, string? note = null)
    {
        await System.Threading.Tasks.Task.Yield();
        return order with { Labels = new Dictionary<string, string>(order.Labels) { ["note"] = note ?? "none" } };
    }

    /// <summary>Echoes a tree.</summary>
    [McpTool("echo_tree")] public static TreeNode EchoTree(TreeNode tree) => tree;

    /// <summary>Echoes everything at once.</summary>
    [McpTool("echo_bundle")] public static Bundle EchoBundle(Bundle bundle) => bundle;

    /// <summary>Echoes a drawing whose shapes go through the user's JsonSerializerContext.</summary>
    [McpTool("echo_drawing")] public static Drawing EchoDrawing(Drawing drawing) => drawing;

    /// <summary>Echoes a struct.</summary>
    [McpTool("echo_counter")] public static Counter EchoCounter(Counter counter) => counter;

    /// <summary>Counts words per key: a dictionary result.</summary>
    [McpTool("word_counts")] public static Dictionary<string, int> WordCounts(List<string> words) =>
        words.GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Finds an address: nullable, so JSON text only.</summary>
    [McpTool("find_address")] public static Address? FindAddress(string zip) => zip == "00000" ? null : new Address("Main 1", zip);

    /// <summary>Lists addresses: a list, so JSON text only.</summary>
    [McpTool("list_addresses")] public static IReadOnlyList<Address> ListAddresses(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Address("Street " + i, "1000" + i))];

    /// <summary>An order, as text only.</summary>
    [McpTool("order_text", StructuredOutput = false)] public static Order OrderText(Order order) => order;

    /// <summary>A tool that breaks its promise of a non-null result.</summary>
    [McpTool("broken_promise")] public static Address BrokenPromise() => null!;

    /// <summary>Rates, with nullable and validated arguments beside a user type.</summary>
    [McpTool("rate")]
    public static string Rate(Address address, int? stars, [Range(1, 5)] int weight = 1) => $"{address.Zip}|{stars?.ToString() ?? "null"}|{weight}";
}
