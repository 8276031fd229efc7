using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace McpForge.Benchmarks;

// The benchmark's tool: it takes a nested record (an address, a list of lines, a dictionary, an enum, a date) and
// returns a record. The same types are serialized by McpForge's generated code, by a System.Text.Json source-generated
// context, and by the official SDK's reflection path.

public enum Shipping { Standard, Express, SameDay }

// No DataAnnotations: System.Text.Json does not check them, so with them the two sides would not do the same work.
public sealed record Address(string Name, string Street, string City, string Zip);

public sealed record OrderLine(string Sku, int Quantity);

public sealed record OrderRequest(string Customer, Address ShipTo, IReadOnlyList<OrderLine> Lines, Shipping Shipping, DateTimeOffset DeliverBy)
{
    public Dictionary<string, string> Labels { get; init; } = new();
}

public sealed record PricedLine(string Sku, int Quantity, decimal UnitPrice, decimal Total);

public sealed record OrderConfirmation(string OrderId, IReadOnlyList<PricedLine> Lines, Shipping Shipping, DateTimeOffset ShipsOn,
    decimal Total, IReadOnlyDictionary<string, string> Labels);

/// <summary>The tool's arguments object, <c>{"order": {...}}</c>, as one type: what each side binds.</summary>
public sealed record PlaceOrderArguments(OrderRequest Order);

/// <summary>The tool, for McpForge's generator.</summary>
public sealed partial class OrderBenchTools
{
    /// <summary>Places an order.</summary>
    [McpTool("place_order")]
    public static OrderConfirmation PlaceOrder(OrderRequest order) => Orders.Confirm(order);

    /// <summary>The same binding through one wrapper type, so the generated reader of the whole arguments object can be timed alone.</summary>
    [McpTool("place_order_wrapped")]
    public static OrderConfirmation PlaceOrderWrapped(PlaceOrderArguments arguments) => Orders.Confirm(arguments.Order);
}

/// <summary>The tool's work, shared by every side so that only binding and writing differ.</summary>
public static class Orders
{
    public static OrderConfirmation Confirm(OrderRequest order)
    {
        var lines = order.Lines.Select(l => new PricedLine(l.Sku, l.Quantity, 4.5m, 4.5m * l.Quantity)).ToList();
        return new OrderConfirmation("ORD-" + order.Customer.Length, lines, order.Shipping, order.DeliverBy.AddDays(-2), lines.Sum(l => l.Total), order.Labels);
    }

    /// <summary>A typical order: 3 lines, 2 labels.</summary>
    public const string ArgumentsJson = """{"order":{"customer":"ada@example.org","shipTo":{"name":"Ada Lovelace","street":"12 St James's Square","city":"London","zip":"10001"},"lines":[{"sku":"TEA-01","quantity":2},{"sku":"MUG-01","quantity":1},{"sku":"POT-01","quantity":3}],"shipping":"Express","deliverBy":"2026-03-01T12:00:00+01:00","labels":{"gift":"yes","note":"ring twice"}}}""";
}

/// <summary>System.Text.Json's source generator for the same types, with the naming McpForge uses.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PlaceOrderArguments))]
[JsonSerializable(typeof(OrderConfirmation))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
