using System.Text.Json;
using McpForge.Cli.Doctor;

namespace McpForge.Cli.Tests;

/// <summary>The doctor's JSON Schema 2020-12 check: what it accepts, and the exact words for what it does not.</summary>
public sealed class JsonSchemaCheckerTests
{
    private static string[] Problems(string schema) => [.. JsonSchemaChecker.Check(JsonDocument.Parse(schema).RootElement)];

    [Theory]
    [InlineData("""{"type":"object","properties":{"city":{"type":"string","minLength":1},"days":{"type":"integer","minimum":1,"maximum":10,"default":3}},"required":["city"],"additionalProperties":false}""")]
    [InlineData("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"node":{"$ref":"#/$defs/node"}},"$defs":{"node":{"type":"object","properties":{"next":{"$ref":"#/$defs/node"}}}}}""")]
    [InlineData("""{"type":["string","null"],"pattern":"^[a-z]+$","format":"email"}""")]
    [InlineData("""{"type":"array","prefixItems":[{"type":"string"},true],"items":false,"minItems":1,"uniqueItems":true}""")]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"number","exclusiveMinimum":0}],"x-vendor":{"anything":[1,2]}}""")]
    [InlineData("true")]
    public void Valid_2020_12_schemas_have_no_problems(string schema) => Assert.Empty(Problems(schema));

    [Fact]
    public void Each_kind_of_mistake_is_named_with_its_JSON_pointer()
    {
        Assert.Equal(["(root): a schema must be an object or a boolean, not an array"], Problems("[]"));
        Assert.Equal(["/type: \"text\" is not a JSON Schema type (null, boolean, object, array, number, string, integer)"], Problems("""{"type":"text"}"""));
        Assert.Equal(["/type: \"string\" is listed twice"], Problems("""{"type":["string","string"]}"""));
        Assert.Equal(["/properties/a/minLength: must be a non-negative integer, not -1"], Problems("""{"properties":{"a":{"minLength":-1}}}"""));
        Assert.Equal(["/required: \"a\" is listed twice"], Problems("""{"required":["a","a"]}"""));
        Assert.Equal(["/items: an array of schemas is draft-07; in 2020-12 \"items\" is one schema and tuples use \"prefixItems\""], Problems("""{"items":[{"type":"string"}]}"""));
        Assert.Equal(["/properties/next/$ref: \"#/$defs/missing\" points at nothing in this schema"], Problems("""{"properties":{"next":{"$ref":"#/$defs/missing"}}}"""));
        Assert.Equal(["/anyOf: must be a non-empty array of schemas, not an array"], Problems("""{"anyOf":[]}"""));
        Assert.Equal(["/multipleOf: must be a number greater than 0"], Problems("""{"multipleOf":0}"""));
        Assert.Equal(["(root): minimum 5 is greater than maximum 1: no value is valid"], Problems("""{"minimum":5,"maximum":1}"""));
        Assert.Equal(["/properties/a/description: must be a string, not a number"], Problems("""{"properties":{"a":{"description":7}}}"""));
        Assert.StartsWith("/pattern: not a valid regular expression: ", Assert.Single(Problems("""{"pattern":"(unclosed"}""")));
    }

    [Fact]
    public void Another_dialect_is_reported_separately_from_problems()
    {
        var draft7 = JsonDocument.Parse("""{"$schema":"http://json-schema.org/draft-07/schema#","type":"object"}""").RootElement;
        Assert.Equal("http://json-schema.org/draft-07/schema#", JsonSchemaChecker.OtherDialect(draft7));
        Assert.Null(JsonSchemaChecker.OtherDialect(JsonDocument.Parse("""{"$schema":"https://json-schema.org/draft/2020-12/schema#"}""").RootElement));
        Assert.Null(JsonSchemaChecker.OtherDialect(JsonDocument.Parse("""{"type":"object"}""").RootElement));
    }
}
