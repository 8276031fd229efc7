using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Orders;

/// <summary>How fast an order ships.</summary>
public enum Shipping
{
    /// <summary>Five days.</summary>
    Standard,
    /// <summary>Two days.</summary>
    Express,
    /// <summary>Today.</summary>
    [JsonStringEnumMemberName("same-day")] SameDay,
}

/// <summary>Where an order goes.</summary>
/// <param name="Name">Who receives it.</param>
/// <param name="Street">Street and number.</param>
/// <param name="City">The city.</param>
/// <param name="Zip">A five-digit postal code.</param>
public sealed record Address(string Name, string Street, string City, [property: RegularExpression("^[0-9]{5}$")] string Zip);

/// <summary>One product and how many of it.</summary>
/// <param name="Sku">The product's code, such as "TEA-01".</param>
/// <param name="Quantity">How many, 1 to 99.</param>
public sealed record OrderLine([property: RegularExpression("^[A-Z]{3}-[0-9]{2}$")] string Sku, [property: Range(1, 99)] int Quantity);

/// <summary>An order to place.</summary>
/// <param name="Customer">The customer's e-mail address.</param>
/// <param name="ShipTo">Where it goes.</param>
/// <param name="Lines">What is ordered.</param>
/// <param name="Shipping">How fast it ships.</param>
/// <param name="DeliverBy">When it must arrive at the latest.</param>
public sealed record OrderRequest(
    [property: EmailAddress] string Customer,
    Address ShipTo,
    IReadOnlyList<OrderLine> Lines,
    Shipping Shipping,
    DateTimeOffset DeliverBy)
{
    /// <summary>Free-form labels for the warehouse, such as {"gift": "yes"}.</summary>
    public Dictionary<string, string> Labels { get; init; } = new();
}

/// <summary>A priced line of a confirmed order.</summary>
/// <param name="Sku">The product's code.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">The price of one.</param>
/// <param name="Total">Quantity times unit price.</param>
public sealed record PricedLine(string Sku, int Quantity, decimal UnitPrice, decimal Total);

/// <summary>What placing an order gives back.</summary>
/// <param name="OrderId">The order's number.</param>
/// <param name="Lines">Each line with its price.</param>
/// <param name="Shipping">How fast it ships.</param>
/// <param name="ShipsOn">When it leaves the warehouse.</param>
/// <param name="ArrivesBy">When it arrives at the latest.</param>
/// <param name="Total">The order's total, shipping included.</param>
/// <param name="Labels">The labels, as given.</param>
public sealed record OrderConfirmation(string OrderId, IReadOnlyList<PricedLine> Lines, Shipping Shipping, DateTimeOffset ShipsOn,
    DateTimeOffset ArrivesBy, decimal Total, IReadOnlyDictionary<string, string> Labels);

/// <summary>A price quote for some products.</summary>
/// <param name="Lines">Each line with its price.</param>
/// <param name="Subtotal">The products' total.</param>
/// <param name="ShippingCost">What shipping costs, per speed ("Standard", "Express", "same-day").</param>
public sealed record Quote(IReadOnlyList<PricedLine> Lines, decimal Subtotal, Dictionary<string, decimal> ShippingCost);
