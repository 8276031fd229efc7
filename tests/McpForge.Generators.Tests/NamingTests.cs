using System.Text.Json;
using CsCheck;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Tests;

/// <summary>
/// The generator's compile-time naming policies give the names System.Text.Json's policies of the same name give at
/// run time, over random identifiers (letters of both cases, digits, underscores), so generated serializers and a
/// user's JsonSerializerContext with that policy agree.
/// </summary>
public sealed class NamingTests
{
    private static readonly Gen<string> Identifier =
        Gen.String[Gen.OneOf(Gen.Char['A', 'Z'], Gen.Char['a', 'z'], Gen.Char['0', '9'], Gen.Const('_'), Gen.Const('É'), Gen.Const('ß')), 1, 16];

    [Theory]
    [InlineData(JsonNaming.CamelCase)]
    [InlineData(JsonNaming.SnakeCaseLower)]
    [InlineData(JsonNaming.SnakeCaseUpper)]
    [InlineData(JsonNaming.KebabCaseLower)]
    [InlineData(JsonNaming.KebabCaseUpper)]
    public void Each_policy_matches_System_Text_Json(int policy)
    {
        var reference = policy switch
        {
            JsonNaming.SnakeCaseLower => JsonNamingPolicy.SnakeCaseLower,
            JsonNaming.SnakeCaseUpper => JsonNamingPolicy.SnakeCaseUpper,
            JsonNaming.KebabCaseLower => JsonNamingPolicy.KebabCaseLower,
            JsonNaming.KebabCaseUpper => JsonNamingPolicy.KebabCaseUpper,
            _ => JsonNamingPolicy.CamelCase,
        };
        Identifier.Sample(name => Assert.Equal(reference.ConvertName(name), JsonNaming.Convert(name, policy)), iter: 5000);
    }

    [Theory]
    [InlineData("URLValue", "urlValue", "url_value")]
    [InlineData("IOStream2Go", "ioStream2Go", "io_stream2_go")]
    [InlineData("already_snake", "already_snake", "already_snake")]
    [InlineData("ID", "id", "id")]
    public void Known_names(string name, string camel, string snake)
    {
        Assert.Equal(camel, JsonNaming.Convert(name, JsonNaming.CamelCase));
        Assert.Equal(snake, JsonNaming.Convert(name, JsonNaming.SnakeCaseLower));
        Assert.Equal(name, JsonNaming.Convert(name, JsonNaming.AsDeclared));
    }
}
