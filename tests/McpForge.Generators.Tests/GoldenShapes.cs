using System.Collections.Generic;

namespace McpForge.Generators.Tests;

/// <summary>
/// Representative sources the generator is checked against: each compiles to reviewed golden files
/// (<see cref="SnapshotTests"/>) and, overloaded, still compiles (<see cref="OverloadTests"/>).
/// </summary>
internal static class GoldenShapes
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.Threading;
        using System.Threading.Tasks;
        using McpForge;
        using McpForge.Protocol;

        """;

    /// <summary>Each shape's source, by the name of its golden folder (after <see cref="Usings"/>).</summary>
    public static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>
    {
        ["Authorization_requirements"] = """
        namespace Notes;

        [McpAuthorize(Policy = "staff")]
        public sealed partial class NoteKit
        {
            /// <summary>Deletes a note.</summary>
            [McpTool("delete_note", Destructive = true, TimeoutMs = 2000)]
            [McpAuthorize("notes:write", "notes:read")]
            public static string Delete(string id) => id;

            /// <summary>Reads a note (the class's policy applies).</summary>
            [McpTool("read_note")]
            public static string Read(string id) => id;

            /// <summary>A review prompt.</summary>
            [McpPrompt("review"), McpAuthorize("notes:read")]
            public static string Review(string id) => id;

            /// <summary>A note by id.</summary>
            [McpResource("notes://{id}"), McpAuthorize("notes:read")]
            public static string Note(string id) => id;

            /// <summary>The index.</summary>
            [McpResource("notes://index")]
            public static string Index() => "";
        }
        """,

        ["Static_sync_tools"] = """
        namespace Bench;

        public sealed partial class BenchTools
        {
            /// <summary>Echoes the message back to the client.</summary>
            /// <param name="message">The message to echo.</param>
            [McpTool("echo")]
            public static string Echo(string message) => message;

            /// <summary>Adds two integers and returns the sum.</summary>
            [McpTool("add")]
            public static int Add([Description("First addend.")] int a, [Description("Second addend.")] int b) => a + b;
        }
        """,

        ["Instance_tools_with_services_and_disposal"] = """
        namespace Weather;

        public interface IWeatherClient { Task<string> ForecastAsync(string city, int days, CancellationToken ct); }
        public interface IClock { DateTimeOffset Now { get; } }

        public sealed partial class WeatherTools(IWeatherClient client) : IDisposable
        {
            /// <summary>Gets the forecast for a city.</summary>
            /// <param name="city">City name, e.g. "Paris".</param>
            /// <param name="days">How many days ahead.</param>
            [McpTool(ReadOnly = true, OpenWorld = true)]
            public async Task<string> GetForecastAsync(string city, int days = 3, McpContext context = default!, CancellationToken ct = default)
            {
                await context.ReportProgressAsync(0, 100);
                return await client.ForecastAsync(city, days, ct);
            }

            /// <summary>What time it is.</summary>
            [McpTool("now", Title = "Current time")]
            public string Now([FromServices] IClock clock, IServiceProvider services) => clock.Now.ToString("O");

            public void Dispose() { }
        }
        """,

        ["Every_parameter_type"] = """
        namespace Types;

        public enum Mode { Fast, Careful }

        public partial class TypeTools
        {
            [McpTool]
            public static void Scalars(string s, bool b, byte u8, sbyte i8, short i16, ushort u16, int i32, uint u32, long i64, ulong u64,
                Int128 i128, UInt128 u128, float f32, double f64, decimal dec, Half half, char ch, Mode mode, Guid id,
                DateTime at, DateTimeOffset atOffset, DateOnly day, TimeOnly time, TimeSpan span, Uri link) { }

            [McpTool]
            public static void Collections(int[] numbers, List<string> words, IReadOnlyList<Mode> modes, IEnumerable<double> weights,
                IList<Guid> ids, ICollection<DateOnly> days, IReadOnlyCollection<char> letters, string?[] maybe) { }

            [McpTool]
            public static void Nullables(int? count, string? label, Mode? mode, Guid? id, List<int>? numbers) { }

            [McpTool]
            public static void Defaults(int count = 5, string label = "say \"hi\"\nthen go", Mode mode = Mode.Careful, double ratio = 0.25,
                float scale = 1.5f, decimal price = 9.99m, bool loud = true, char sep = ',', long big = -1, string? none = null, Guid? id = null) { }
        }
        """,

        ["Every_return_kind"] = """
        namespace Returns;

        public enum Status { Ok, Failed }

        public partial class ReturnTools
        {
            [McpTool] public static void Nothing() { }
            [McpTool] public static Task NothingAsync() => Task.CompletedTask;
            [McpTool] public static ValueTask NothingValueTask() => default;
            [McpTool] public static string Text() => "x";
            [McpTool] public static int Number() => 1;
            [McpTool] public static bool Flag() => true;
            [McpTool] public static Status State() => Status.Ok;
            [McpTool] public static Guid Id() => Guid.Empty;
            [McpTool] public static DateTime When() => DateTime.UnixEpoch;
            [McpTool] public static int? Maybe() => null;
            [McpTool] public static ContentBlock Block() => new TextContent("x");
            [McpTool] public static ImageContent Picture() => new(new byte[] { 1 }, "image/png");
            [McpTool] public static IEnumerable<ContentBlock> Blocks() => [];
            [McpTool] public static ContentBlock[] BlockArray() => [];
            [McpTool] public static List<TextContent> Texts() => [];
            [McpTool] public static CallToolResult Result() => CallToolResult.FromText("x");
            [McpTool] public static Task<string> TextAsync() => Task.FromResult("x");
            [McpTool] public static ValueTask<int> NumberAsync() => ValueTask.FromResult(1);
            [McpTool] public static async Task<CallToolResult> ResultAsync() { await Task.Yield(); return CallToolResult.FromText("x"); }
            [McpTool] public static Task<IEnumerable<ContentBlock>> BlocksAsync() => Task.FromResult<IEnumerable<ContentBlock>>([]);
        }
        """,

        ["Descriptions_names_and_annotations"] = """
        namespace Docs;

        public partial class DocumentedTools
        {
            /// <summary>
            /// Reads a file from <see cref="System.IO.Path"/>-style paths,
            /// using <c>UTF-8</c>; see <paramref name="path"/>.
            /// </summary>
            /// <param name="path">The file's path.
            /// Relative paths start at the workspace root.</param>
            /// <returns>The file's text.</returns>
            [McpTool(Title = "Read file", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, TimeoutMs = 2000)]
            public static string ReadFileAsync(string path) => path;

            [McpTool, Description("Deletes everything. Careful.")]
            public static void HTTPDeleteAll([Description("Type \"yes\" to confirm.")] string confirm) { }

            [McpTool(Destructive = true)]
            public static void Get2FACode() { }
        }
        """,

        ["Parameter_names_that_generated_code_also_uses"] = """
        namespace Names;

        public partial class NameTools(IServiceProvider provider)
        {
            [McpTool]
            public string Clash(string call, string arguments, string reader, string value, int result, bool instance, string services, string @class) =>
                call + arguments + reader + value + result + instance + services + @class + provider;
        }
        """,

        ["Prompts_beside_tools"] = """
        namespace Writing;

        public enum Tone { Plain, Friendly }

        public partial class WritingKit(IServiceProvider services)
        {
            /// <summary>Reviews code.</summary>
            [McpTool] public static string Lint(string code) => code;

            /// <summary>Asks for a code review.</summary>
            /// <param name="code">The code to review.</param>
            [McpPrompt("code_review", Title = "Code review")]
            public static string CodeReview(string code, string language = "C#") => code + language;

            /// <summary>Languages for a review.</summary>
            [McpCompletion("code_review", "language")]
            public static string[] Languages(string value, IReadOnlyDictionary<string, string> context) => ["C#", "Go"];

            /// <summary>Word counts, looked up slowly.</summary>
            [McpCompletion("summarize", "words")]
            public async Task<List<string>> WordCountsAsync(string value, CancellationToken ct)
            {
                await Task.Delay(0, ct);
                return [value + "00", services.ToString()!];
            }

            /// <summary>Summarises.</summary>
            [McpPrompt]
            public async Task<IEnumerable<PromptMessage>> SummarizeAsync(string text, int words, Tone tone, bool? bullets, CancellationToken ct)
            {
                await Task.Delay(0, ct);
                return [PromptMessage.User(text + words + tone + bullets + services)];
            }
        }
        """,

        ["Resources_and_templates"] = """
        namespace Library;

        public enum Shelf { Red, Blue }

        public partial class LibraryResources(IServiceProvider services) : IDisposable
        {
            public void Dispose() { }

            /// <summary>The read-me.</summary>
            [McpResource("docs://readme", MimeType = "text/markdown", Title = "Read me")]
            public static string Readme() => "# Library";

            [McpResource("docs://logo.png", Name = "logo", MimeType = "image/png")]
            public static ReadOnlyMemory<byte> Logo() => new byte[] { 1 };

            /// <summary>A book.</summary>
            [McpResource("books://{shelf}/{id}/text")]
            public async Task<ResourceContents> BookAsync(Shelf shelf, int id, CancellationToken ct)
            {
                await Task.Delay(0, ct);
                return new TextResourceContents("books://" + shelf + "/" + id + "/text", services.ToString()!);
            }

            [McpResource("files:///{+path}")]
            public static IEnumerable<ResourceContents> File(string path) => [];

            /// <summary>Search results: the query parameters may be left out.</summary>
            [McpResource("search://books{?q,shelf,limit}", MimeType = "application/json")]
            public static System.IO.Stream Search(string? q, Shelf shelf = Shelf.Red, int limit = 10) => System.IO.Stream.Null;

            /// <summary>A scan of a page, streamed from disk.</summary>
            [McpResource("scans://{book}{/page}", MimeType = "image/png")]
            public static System.IO.FileInfo Scan(string book, int page) => new(book + page);
        }
        """,

        ["Validation_attributes"] = """
        using System.ComponentModel.DataAnnotations;

        namespace Checked;

        public partial class BookingTools
        {
            /// <summary>Books a stay.</summary>
            [McpTool]
            public static string Book([Range(1, 14)] int nights, [StringLength(40, MinimumLength = 2), RegularExpression("^[A-Za-z ]+$")] string guest,
                [EmailAddress] string? email = null, [Length(1, 3)] List<string>? rooms = null, [AllowedValues("single", "double")] string bed = "double") => guest;

            /// <summary>Rates it.</summary>
            [McpTool]
            public static string Rate([Range(0.0, 5.0, MaximumIsExclusive = true)] double stars, [RegularExpression("^[a-z]*$")] string guest) => guest;
        }
        """,

        ["Nested_types_and_the_global_namespace"] = """
        public partial class Outer
        {
            public partial record Inner
            {
                [McpTool("inner_echo")]
                public static string Echo(string text) => text;
            }
        }

        public partial class GlobalTools
        {
            [McpTool("global_ping")]
            public static string Ping() => "pong";
        }
        """,

        ["User_types_records_classes_structs_and_collections"] = """
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json;
        using System.Text.Json.Serialization;

        namespace Shop;

        public enum Priority { Low, Normal, [JsonStringEnumMemberName("urgent!")] Urgent }

        /// <summary>Where an order goes.</summary>
        /// <param name="Street">Street and number.</param>
        /// <param name="Zip">Postal code.</param>
        public sealed record Address(string Street, [property: RegularExpression("^[0-9]{5}$")] string Zip, string? Unit = null);

        /// <summary>One line of an order.</summary>
        public sealed class OrderLine
        {
            /// <summary>The product's code.</summary>
            public required string Sku { get; init; }

            [Range(1, 100)]
            public int Quantity { get; set; } = 1;

            [JsonPropertyName("unit_price")]
            public decimal UnitPrice { get; init; }

            public List<string> Tags { get; init; } = new();

            [JsonIgnore]
            public string? Internal { get; set; }

            public decimal Total => Quantity * UnitPrice;
        }

        public readonly record struct Money(decimal Amount, string Currency);

        /// <summary>An order.</summary>
        public sealed record Order(Guid Id, Address ShipTo, IReadOnlyList<OrderLine> Lines, Priority Priority, DateTimeOffset PlacedAt)
        {
            public Dictionary<string, int> Counts { get; init; } = new();
            public HashSet<Priority>? Flags { get; init; }
            public Money? Discount { get; init; }
            public byte[]? Attachment { get; init; }
            public JsonElement Extra { get; init; }
            [JsonRequired, StringLength(200)] public string Note { get; init; } = "";
            public int?[] Scores { get; init; } = [];
        }

        /// <summary>A category tree.</summary>
        public sealed class Category
        {
            public string Name { get; set; } = "";
            public List<Category> Children { get; set; } = [];
            public Category? Parent { get; set; }
        }

        public partial class ShopTools
        {
            /// <summary>Places an order.</summary>
            [McpTool]
            public static Order PlaceOrder(Order order, Priority priority = Priority.Normal) => order;

            /// <summary>Finds an order.</summary>
            [McpTool]
            public static Task<Order?> FindOrderAsync(Guid id) => Task.FromResult<Order?>(null);

            /// <summary>Files categories.</summary>
            [McpTool(StructuredOutput = false)]
            public static Category File(Category root, IReadOnlyDictionary<string, List<Address>> byRegion) => root;

            /// <summary>Lists orders.</summary>
            [McpTool]
            public static List<Order> List(Money? budget) => [];
        }
        """,

        ["Header_arguments"] = """
        namespace Routing;

        public enum Tier { Free, Pro }

        public sealed partial class SqlTools
        {
            /// <summary>Runs a query in a region.</summary>
            /// <param name="region">Where the query runs.</param>
            [McpTool("execute_sql")]
            public static string Execute([McpHeader("Region")] string region, string query, [McpHeader("Tier")] Tier tier = Tier.Free,
                [McpHeader("Shard")] int? shard = null, [McpHeader("Dry-Run")] bool dryRun = false) => region + query;

            /// <summary>A tool without mirrored arguments keeps its plain entry.</summary>
            [McpTool("ping_region")]
            public static string Ping(string region) => region;
        }
        """,
        ["Cache_hints_and_icons"] = """
        namespace Catalog;

        public sealed partial class Shelf
        {
            /// <summary>Counts the items.</summary>
            [McpTool("count", CacheTtlMs = 60000, CacheScope = McpCacheScope.Public)]
            [McpIcon("https://example.com/count.png", MimeType = "image/png", Sizes = "48x48 96x96", Theme = "light")]
            [McpIcon("data:image/svg+xml;base64,PHN2Zy8+", Sizes = "any", Theme = "dark")]
            public static int Count() => 3;

            /// <summary>Lists the shelves; only its scope set.</summary>
            [McpTool("shelves", CacheScope = McpCacheScope.Private)]
            public static string Shelves() => "a";

            /// <summary>Summarises.</summary>
            [McpPrompt("summarize", Title = "Summarize", CacheTtlMs = 30000)]
            [McpIcon("https://example.com/summarize.png")]
            public static string Summarize() => "Summarize.";

            /// <summary>The front page.</summary>
            [McpResource("shelf://front", Title = "Front", CacheTtlMs = 120000, CacheScope = McpCacheScope.Public)]
            [McpIcon("https://example.com/front.png", MimeType = "image/png")]
            public static string Front() => "front";

            /// <summary>One item.</summary>
            [McpResource("shelf://items/{id}", Title = "Item", CacheTtlMs = 0)]
            [McpIcon("https://example.com/item.png", Sizes = "32x32")]
            public static string Item(int id) => "item";
        }
        """,
        ["Elicitation_forms"] = """
        using System.ComponentModel.DataAnnotations;

        namespace Travel;

        public enum Seat { Window, Aisle, [Description("Exit row")] Exit }
        public enum Meal { Vegan, Fish }

        /// <summary>A booking.</summary>
        /// <param name="Name">Your name.</param>
        [McpElicitationForm]
        public sealed partial record BookingForm(string Name, [property: EmailAddress] string Email, DateOnly Day, [property: Range(1, 9)] int Passengers = 1)
        {
            public Seat Seat { get; init; } = Seat.Aisle;
            [Length(1, 2)] public HashSet<Seat> Alternatives { get; init; } = [];
            public Meal[] Meals { get; init; } = [];
            [DefaultValue(false)] public bool Insurance { get; set; }
            [Display(Name = "Notes"), AllowedValues("none", "window please")] public string? Notes { get; init; }
            public Uri? Homepage { get; init; }
            public decimal Budget { get; init; } = 100m;
        }

        public partial class Outer
        {
            [McpElicitationForm(LegacyEnumNames = true)]
            public partial struct SeatChoice { public Seat Seat { get; set; } }
        }
        """,
    };
}
