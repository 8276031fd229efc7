using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Protocol;

namespace McpForge.Tests.Fixtures;

/// <summary>Coloured things, bound from their names.</summary>
public enum Colour
{
    Red,
    Green,
    Blue,
}

/// <summary>A contact, whose members carry DataAnnotations McpForge checks at any depth.</summary>
/// <param name="Name">Who it is.</param>
/// <param name="Phone">A phone number, as DataAnnotations' [Phone] accepts it.</param>
/// <param name="Since">When they became a contact, in the 2020s.</param>
/// <param name="Card">A card number, if any.</param>
public sealed record Contact(
    string Name,
    [property: System.ComponentModel.DataAnnotations.Phone] string Phone,
    [property: System.ComponentModel.DataAnnotations.Range(typeof(DateTime), "2020-01-01", "2030-01-01")] DateTime Since,
    [property: System.ComponentModel.DataAnnotations.CreditCard] string? Card = null);

/// <summary>Tools with every supported parameter and return shape.</summary>
public sealed partial class TypedTools
{
    /// <summary>Echoes every scalar type back as text.</summary>
    [McpTool("scalars")]
    public static string Scalars(string s, bool flag, byte b, sbyte sb, short sh, ushort us, int i, uint ui, long l, ulong ul,
        Int128 huge, float f, double d, decimal m, Half h, char c, Colour colour, Guid id, DateTime when, DateTimeOffset whenOffset,
        DateOnly day, TimeOnly time, TimeSpan span, Uri link) =>
        string.Join("|", s, flag, b, sb, sh, us, i, ui, l, ul, huge, f.ToString(System.Globalization.CultureInfo.InvariantCulture),
            d.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ((double)h).ToString(System.Globalization.CultureInfo.InvariantCulture), c, colour, id,
            when.ToString("O"), whenOffset.ToString("O"), day.ToString("O"), time.ToString("O"), span.ToString("c"), link.AbsoluteUri);

    /// <summary>Collections of scalars.</summary>
    [McpTool("collections")]
    public static string Collections(int[] numbers, List<string> words, IReadOnlyList<Colour> colours, IEnumerable<double>? weights = null, string?[]? maybe = null) =>
        $"{numbers.Sum()}|{string.Join(",", words)}|{string.Join(",", colours)}|{weights?.Sum() ?? -1}|{(maybe is null ? "none" : string.Join(",", maybe.Select(x => x ?? "null")))}";

    /// <summary>Nullable and optional parameters.</summary>
    [McpTool("optional")]
    public static string Optional(int? count, string? label, Colour colour = Colour.Green, double ratio = 0.5, bool loud = false) =>
        $"{count?.ToString() ?? "null"}|{label ?? "null"}|{colour}|{ratio.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{loud}";

    /// <summary>Every DataAnnotations constraint McpForge turns into schema keywords and checks.</summary>
    [McpTool("constrained")]
    public static string Constrained(
        [System.ComponentModel.DataAnnotations.Range(1, 10)] int days,
        [System.ComponentModel.DataAnnotations.StringLength(5, MinimumLength = 2)] string code,
        [System.ComponentModel.DataAnnotations.RegularExpression("^[a-z]+$")] string slug,
        [System.ComponentModel.DataAnnotations.EmailAddress] string? mail = null,
        [System.ComponentModel.DataAnnotations.MaxLength(2)] int[]? tags = null,
        [System.ComponentModel.DataAnnotations.AllowedValues("red", "blue")] string colour = "red",
        [System.ComponentModel.DataAnnotations.Range(0.0, 1.0, MinimumIsExclusive = true)] double ratio = 0.5,
        [System.ComponentModel.DataAnnotations.Url] string? link = null,
        [System.ComponentModel.DataAnnotations.Base64String] string? data = null,
        [System.ComponentModel.DataAnnotations.DeniedValues(13)] int lucky = 7) => "ok";

    /// <summary>The DataAnnotations that are checked by generated comparisons or by DataAnnotations' own checks.</summary>
    [McpTool("file_contact")]
    public static string FileContact(
        Contact contact,
        [System.ComponentModel.DataAnnotations.Range(typeof(DateOnly), "2024-01-01", "2024-12-31")] DateOnly day,
        [System.ComponentModel.DataAnnotations.AllowedValues(Colour.Red, Colour.Blue)] Colour colour = Colour.Red,
        [System.ComponentModel.DataAnnotations.Required] string? note = "none") => "filed";

    [McpTool("nothing")]
    public static void Nothing() { }

    [McpTool("nothing_async")]
    public static async Task NothingAsync() => await Task.Yield();

    [McpTool("truth")]
    public static bool Truth() => true;

    [McpTool("colour_of")]
    public static Colour ColourOf() => Colour.Blue;

    [McpTool("maybe_number")]
    public static int? MaybeNumber(bool give) => give ? 7 : null;

    [McpTool("moment")]
    public static DateTimeOffset Moment() => new(2025, 11, 25, 14, 30, 0, TimeSpan.FromHours(1));

    [McpTool("image")]
    public static ContentBlock Image() => new ImageContent(new byte[] { 1, 2, 3 }, "image/png");

    [McpTool("blocks")]
    public static IEnumerable<ContentBlock> Blocks() =>
    [
        new TextContent("hello") { Annotations = new ContentAnnotations { Audience = [Role.User], Priority = 0.5 } },
        new AudioContent(new byte[] { 4, 5 }, "audio/wav"),
        new EmbeddedResource(new TextResourceContents("docs://readme", "read me", "text/plain")),
        new EmbeddedResource(new BlobResourceContents("data://blob", new byte[] { 255 }, "application/octet-stream")),
        new ResourceLink("docs://guide", "guide") { MimeType = "text/markdown", Size = 12 },
    ];

    [McpTool("full")]
    public static CallToolResult Full() => new()
    {
        Content = [new TextContent("partial failure")],
        StructuredContent = System.Text.Json.JsonDocument.Parse("""{"failed":2}""").RootElement,
        IsError = true,
    };

    [McpTool("async_text")]
    public static async Task<string> AsyncText()
    {
        await Task.Yield();
        return "later";
    }

    [McpTool("value_task_number")]
    public static ValueTask<int> ValueTaskNumber() => ValueTask.FromResult(12);
}

/// <summary>An instance tool class whose constructor takes a service.</summary>
public sealed partial class GreeterTools(IGreeter greeter) : IDisposable
{
    public static int Disposed;

    [McpTool("greet_service")]
    public string GreetWithService(string name, [FromServices] IGreeter other) => greeter.Greet(name) + "/" + other.Greet(name);

    public void Dispose() => System.Threading.Interlocked.Increment(ref Disposed);
}

public interface IGreeter
{
    string Greet(string name);
}

public sealed class Greeter : IGreeter
{
    public string Greet(string name) => "hi " + name;
}
