using System;
using System.Collections.Generic;
using System.Linq;
using McpForge;

namespace Orders;

/// <summary>
/// Tools over records: arguments are bound by generated readers (every problem reported with its path), results are
/// structured (an output schema, and structuredContent beside the same JSON as text). Answers are deterministic, so
/// the NativeAOT build can be compared with the JIT build byte for byte.
/// </summary>
public sealed partial class OrderTools
{
    private static readonly Dictionary<string, decimal> s_prices = new()
    {
        ["TEA-01"] = 4.50m, ["TEA-02"] = 6.00m, ["MUG-01"] = 12.00m, ["POT-01"] = 29.90m,
    };

    private static readonly Dictionary<Shipping, (decimal Cost, int Days)> s_shipping = new()
    {
        [Shipping.Standard] = (4.90m, 5), [Shipping.Express] = (9.90m, 2), [Shipping.SameDay] = (19.90m, 0),
    };

    /// <summary>Places an order and confirms it with prices and dates.</summary>
    /// <param name="order">The order.</param>
    /// <returns>The confirmed order.</returns>
    [McpTool("place_order", Destructive = false)]
    public static OrderConfirmation PlaceOrder(OrderRequest order)
    {
        var lines = Price(order.Lines);
        var (cost, days) = s_shipping[order.Shipping];
        var id = "ORD-" + Fnv(order.Customer + "|" + string.Join(",", order.Lines.Select(l => l.Sku + "x" + l.Quantity))).ToString("X8");
        return new OrderConfirmation(id, lines, order.Shipping, order.DeliverBy.AddDays(-days), order.DeliverBy,
            lines.Sum(l => l.Total) + cost, order.Labels);
    }

    /// <summary>Prices products without ordering them.</summary>
    /// <param name="lines">The products and quantities.</param>
    [McpTool("quote", ReadOnly = true)]
    public static Quote GetQuote(List<OrderLine> lines)
    {
        var priced = Price(lines);
        return new Quote(priced, priced.Sum(l => l.Total), s_shipping.ToDictionary(s => s.Key switch
        {
            Shipping.SameDay => "same-day",
            var other => other.ToString(),
        }, s => s.Value.Cost));
    }

    /// <summary>The catalog: product codes and unit prices.</summary>
    [McpTool("catalog", ReadOnly = true)]
    public static IReadOnlyDictionary<string, decimal> Catalog() => s_prices;

    private static List<PricedLine> Price(IEnumerable<OrderLine> lines) =>
        [.. lines.Select(l => s_prices.TryGetValue(l.Sku, out var price)
            ? new PricedLine(l.Sku, l.Quantity, price, price * l.Quantity)
            : throw new ArgumentException($"There is no product '{l.Sku}'; call catalog for the codes."))];

    private static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
