using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Threading.Tasks;

namespace McpForge.Tests.Fixtures;

/// <summary>Seats, titled where a title helps (so the form offers titled choices).</summary>
public enum Seat
{
    Window,
    Aisle,
    [Description("Exit row, extra legroom")] Exit,
}

/// <summary>Meals, untitled.</summary>
public enum Meal
{
    Vegan,
    Fish,
    Meat,
}

/// <summary>A booking, asked of the user through a form.</summary>
/// <param name="Name">Your full name.</param>
/// <param name="Email">Where the tickets go.</param>
/// <param name="TravelDate">The day you leave.</param>
/// <param name="Passengers">How many travel.</param>
[McpElicitationForm]
public sealed partial record BookingForm(string Name, [property: EmailAddress] string Email, DateOnly TravelDate, [property: Range(1, 9)] int Passengers = 1)
{
    /// <summary>Where you sit.</summary>
    public Seat Seat { get; init; } = Seat.Aisle;

    /// <summary>Meals on board.</summary>
    public List<Meal> Meals { get; init; } = [];

    public bool Insurance { get; init; } = true;

    [DisplayName("Notes for the crew"), StringLength(200)]
    public string? Notes { get; init; }
}

/// <summary>One seat, in the legacy titled shape for older clients.</summary>
[McpElicitationForm(LegacyEnumNames = true)]
public sealed partial class SeatChoice
{
    public Seat Seat { get; set; } = Seat.Window;
}

/// <summary>Tools that ask the user for typed forms.</summary>
public sealed partial class FormTools
{
    /// <summary>Books a trip after asking for the details.</summary>
    [McpTool("book_trip")]
    public static async Task<string> BookTripAsync(McpContext context)
    {
        var answer = await context.ElicitAsync<BookingForm>("Your trip", TimeSpan.FromSeconds(5));
        if (!answer.IsAccepted) return answer.Action.ToString();
        var form = answer.Value!;
        return $"{form.Name}|{form.Email}|{form.TravelDate:yyyy-MM-dd}|{form.Passengers}|{form.Seat}|{string.Join(",", form.Meals)}|{form.Insurance}|{form.Notes ?? "none"}";
    }

    /// <summary>Asks for a seat.</summary>
    [McpTool("choose_seat")]
    public static async Task<string> ChooseSeatAsync(McpContext context)
    {
        var answer = await context.ElicitAsync<SeatChoice>("Pick a seat", TimeSpan.FromSeconds(5));
        return answer.IsAccepted ? answer.Value!.Seat.ToString() : answer.Action.ToString();
    }
}
