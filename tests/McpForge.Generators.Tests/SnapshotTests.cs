using McpForge.Generators.Tests.Infrastructure;

namespace McpForge.Generators.Tests;

/// <summary>
/// The generated code for representative tool shapes (<see cref="GoldenShapes"/>), checked against reviewed golden
/// files; each case also proves the output compiles with no error or warning.
/// </summary>
public sealed class SnapshotTests
{
    private static void Verify(string test) =>
        Baselines.Verify(test, GeneratorHarness.RunClean(GoldenShapes.Usings + GoldenShapes.Sources[test]).Generated);

    [Fact]
    public void Authorization_requirements() => Verify(nameof(Authorization_requirements));

    [Fact]
    public void Static_sync_tools() => Verify(nameof(Static_sync_tools));

    [Fact]
    public void Instance_tools_with_services_and_disposal() => Verify(nameof(Instance_tools_with_services_and_disposal));

    [Fact]
    public void Every_parameter_type() => Verify(nameof(Every_parameter_type));

    [Fact]
    public void Every_return_kind() => Verify(nameof(Every_return_kind));

    [Fact]
    public void Descriptions_names_and_annotations() => Verify(nameof(Descriptions_names_and_annotations));

    [Fact]
    public void Parameter_names_that_generated_code_also_uses() => Verify(nameof(Parameter_names_that_generated_code_also_uses));

    [Fact]
    public void Prompts_beside_tools() => Verify(nameof(Prompts_beside_tools));

    [Fact]
    public void Resources_and_templates() => Verify(nameof(Resources_and_templates));

    [Fact]
    public void Validation_attributes() => Verify(nameof(Validation_attributes));

    [Fact]
    public void Nested_types_and_the_global_namespace() => Verify(nameof(Nested_types_and_the_global_namespace));

    [Fact]
    public void User_types_records_classes_structs_and_collections() => Verify(nameof(User_types_records_classes_structs_and_collections));

    [Fact]
    public void Header_arguments() => Verify(nameof(Header_arguments));

    [Fact]
    public void Cache_hints_and_icons() => Verify(nameof(Cache_hints_and_icons));

    [Fact]
    public void Elicitation_forms() => Verify(nameof(Elicitation_forms));
}
