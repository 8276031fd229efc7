using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace McpForge.Bench.GeneratorBuildCost;

/// <summary>
/// A project of <c>tools</c> MCP tools, ten to a class and a file, in four shapes taken in turn: scalars with defaults
/// and an enum; a record argument and a record result; numbers, a date and a list; a list of records, a nullable
/// string and an async record result. Every tool and record has doc comments. The record types are also listed in
/// a <c>JsonSerializerContext</c> (JsonContext.cs), which only the System.Text.Json variant compiles.
/// </summary>
internal sealed class SyntheticProject
{
    public const string ToolsFile = "Tools0.cs";
    public const string ProgramFile = "Program.cs";
    public const string JsonContextFile = "JsonContext.cs";

    public SyntheticProject(int tools)
    {
        Tools = tools;
        var files = new List<(string Path, string Text)>
        {
            (ProgramFile, Program("ready")),
            ("Shared.cs", """
                namespace Bench;

                /// <summary>How urgent a request is.</summary>
                public enum Level { Low, Normal, High }
                """),
        };
        for (var c = 0; c * 10 < tools; c++)
        {
            var members = Enumerable.Range(c * 10, System.Math.Min(10, tools - c * 10)).ToList();
            files.Add(($"Tools{c}.cs", ToolClass(c, members)));
            if (members.Any(HasRecords)) files.Add(($"Models{c}.cs", Models(members.Where(HasRecords))));
        }
        Files = files;
        JsonContext = (JsonContextFile, Context(Enumerable.Range(0, tools).Where(HasRecords)));
    }

    public int Tools { get; }

    /// <summary>Every file of the project but the JSON context.</summary>
    public IReadOnlyList<(string Path, string Text)> Files { get; }

    /// <summary>The <c>JsonSerializerContext</c> listing every record type, for System.Text.Json's generator.</summary>
    public (string Path, string Text) JsonContext { get; }

    public int RecordTypes => Enumerable.Range(0, Tools).Count(HasRecords) * 2;

    /// <summary>Tool 0's body with a statement of a different length: every later tool of its file moves.</summary>
    public static string EditMethodBody(string tools0) => Replace(tools0, "var seed = 0;", "var seed = 0 + 1;");

    /// <summary>Tool 0's summary, reworded.</summary>
    public static string EditDocComment(string tools0) => Replace(tools0, "/// <summary>Tool 0 searches", "/// <summary>Tool 0 looks up");

    /// <summary>A statement of Program.cs, a file with no tool.</summary>
    public static string EditProgram(string program) => Replace(program, "\"ready\"", "\"ready!\"");

    private static string Replace(string text, string from, string to)
    {
        if (!text.Contains(from, System.StringComparison.Ordinal)) throw new System.InvalidOperationException($"'{from}' is not in the file");
        return text.Replace(from, to, System.StringComparison.Ordinal);
    }

    private static bool HasRecords(int tool) => tool % 4 is 1 or 3;

    private static string Program(string word) => $$"""
        namespace Bench;

        public static class Program
        {
            public static int Main(string[] args)
            {
                System.Console.Error.WriteLine("{{word}}");
                return args.Length;
            }
        }
        """;

    private static string ToolClass(int c, IEnumerable<int> members)
    {
        var text = new StringBuilder($$"""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using McpForge;

            namespace Bench;

            /// <summary>Tools {{c * 10}} to {{c * 10 + 9}}.</summary>
            public sealed partial class Tools{{c}}
            {

            """);
        foreach (var i in members)
        {
            text.Append((i % 4) switch
            {
                0 => $$"""
                        /// <summary>Tool {{i}} searches the catalogue for a query.</summary>
                        /// <param name="query">What to look for.</param>
                        /// <param name="limit">How many results at most.</param>
                        /// <param name="level">How urgent it is.</param>
                        [McpTool("tool_{{i}}")]
                        public static string Tool{{i}}(string query, int limit = 10, Level level = Level.Normal)
                        {
                            var seed = {{i}};
                            return query + limit + level + seed;
                        }

                    """,
                1 => $$"""
                        /// <summary>Tool {{i}} places an order.</summary>
                        /// <param name="order">The order.</param>
                        /// <param name="dryRun">Check it without placing it.</param>
                        [McpTool("tool_{{i}}")]
                        public static Receipt{{i}} Tool{{i}}(Order{{i}} order, bool dryRun)
                        {
                            var seed = {{i}};
                            return new Receipt{{i}}(Guid.Empty, dryRun ? "checked" : order.Name, order.Quantity * seed);
                        }

                    """,
                2 => $$"""
                        /// <summary>Tool {{i}} measures a series.</summary>
                        /// <param name="x">The first value.</param>
                        /// <param name="y">The second value, if any.</param>
                        /// <param name="at">When it was measured.</param>
                        /// <param name="tags">Labels for the series.</param>
                        [McpTool("tool_{{i}}")]
                        public static int Tool{{i}}(double x, double? y, DateTimeOffset at, List<string> tags)
                        {
                            var seed = {{i}};
                            return tags.Count + seed + (y is null ? 0 : 1) + (x > 0 ? 1 : 0) + at.Day;
                        }

                    """,
                _ => $$"""
                        /// <summary>Tool {{i}} files several orders.</summary>
                        /// <param name="id">The batch.</param>
                        /// <param name="orders">The orders.</param>
                        /// <param name="note">A note for the warehouse.</param>
                        [McpTool("tool_{{i}}")]
                        public static async Task<Receipt{{i}}> Tool{{i}}(Guid id, IReadOnlyList<Order{{i}}> orders, string? note = null)
                        {
                            await Task.Yield();
                            var seed = {{i}};
                            return new Receipt{{i}}(id, note ?? "filed", orders.Count * seed);
                        }

                    """,
            });
        }
        return text.Append("}\n").ToString();
    }

    private static string Models(IEnumerable<int> tools)
    {
        var text = new StringBuilder("""
            using System;
            using System.Collections.Generic;

            namespace Bench;

            """);
        foreach (var i in tools)
        {
            text.Append($$"""

                /// <summary>An order for tool {{i}}.</summary>
                /// <param name="Name">What is ordered.</param>
                /// <param name="Quantity">How many.</param>
                /// <param name="Due">When it is needed, if it is.</param>
                /// <param name="Labels">Labels on the parcel.</param>
                public sealed record Order{{i}}(string Name, int Quantity, DateTimeOffset? Due, List<string> Labels);

                /// <summary>What tool {{i}} answers.</summary>
                /// <param name="Id">The receipt's id.</param>
                /// <param name="Status">What happened.</param>
                /// <param name="Score">How well it went.</param>
                public sealed record Receipt{{i}}(Guid Id, string Status, double Score);

                """);
        }
        return text.ToString();
    }

    private static string Context(IEnumerable<int> tools)
    {
        var text = new StringBuilder("""
            using System.Text.Json.Serialization;

            namespace Bench;


            """);
        foreach (var i in tools)
        {
            text.Append($"[JsonSerializable(typeof(Order{i}))]\n[JsonSerializable(typeof(Receipt{i}))]\n");
        }
        return text.Append("internal sealed partial class BenchJsonContext : JsonSerializerContext { }\n").ToString();
    }
}
