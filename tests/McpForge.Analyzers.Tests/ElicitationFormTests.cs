using System.Threading.Tasks;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary>MCPF0024 and MCPF0025: what an elicitation form cannot hold, and types that cannot be forms.</summary>
public sealed class ElicitationFormTests
{
    [Fact]
    public Task MCPF0024_a_nested_object_a_list_of_text_and_a_dictionary() => AnalyzeAsync<ComponentAnalyzer>("""
        public sealed record Address(string Street);
        [McpElicitationForm]
        public sealed partial class Signup
        {
            public string Name { get; set; } = "";
            public Address {|#0:Home|} { get; set; } = new("");
            public List<string> {|#1:Tags|} { get; set; } = [];
            public Dictionary<string, int> {|#2:Scores|} { get; set; } = new();
        }
        """,
        Diagnostic("MCPF0024").WithLocation(0).WithArguments("Home", "Signup", "Address", "forms are flat, so a property cannot be an object; put its properties in the form"),
        Diagnostic("MCPF0024").WithLocation(1).WithArguments("Tags", "Signup", "System.Collections.Generic.List<string>", "a form's only list is a multiple choice, a list of an enum"),
        Diagnostic("MCPF0024").WithLocation(2).WithArguments("Scores", "Signup", "System.Collections.Generic.Dictionary<string, int>", "forms are flat, so a property cannot be a dictionary"));

    [Fact]
    public Task MCPF0024_near_miss_every_primitive_and_choices_are_fine() => AnalyzeAsync<ComponentAnalyzer>("""
        public enum Colour { Red, [Description("Deep blue")] Blue }
        [McpElicitationForm]
        public sealed partial record Preferences(string Name, int Age, bool Newsletter, DateOnly Birthday, Colour Favourite, Colour[] Others,
            decimal? Budget = null, Uri? Site = null, DateTimeOffset? When = null);
        """);

    [Fact]
    public Task MCPF0025_a_form_that_is_not_partial() => AnalyzeAsync<ComponentAnalyzer>("""
        [McpElicitationForm]
        public sealed record {|#0:Plain|}(string Name);
        """,
        Diagnostic("MCPF0025").WithLocation(0).WithArguments("Plain", "'Plain' is not partial; add the 'partial' modifier so McpForge can implement IMcpElicitationForm on it"));

    [Fact]
    public Task MCPF0025_a_form_with_no_constructor_to_read_it_with() => AnalyzeAsync<ComponentAnalyzer>("""
        [McpElicitationForm]
        public sealed partial class {|#0:Ambiguous|}
        {
            public Ambiguous(string name) { Name = name; }
            public Ambiguous(int code) { Name = code.ToString(); }
            public string Name { get; }
        }
        """,
        Diagnostic("MCPF0025").WithLocation(0).WithArguments("Ambiguous", "'Ambiguous' has several public constructors; mark the one to read it with [JsonConstructor]"));
}
