using System.Linq;
using System.Threading.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>DataAnnotations on parameters: schema keywords in tools/list, and generated checks before the method runs.</summary>
public sealed class ValidationTests
{
    private static Task<ServerHarness> StartAsync() => ServerHarness.StartInitializedAsync(configure: b => b.AddTools<TypedTools>());

    [Fact]
    public async Task Constraints_appear_in_the_input_schema()
    {
        await using var server = await StartAsync();
        var tools = (await server.RequestAsync(1, "tools/list")).GetProperty("result").GetProperty("tools");
        var schema = tools.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "constrained").GetProperty("inputSchema").GetProperty("properties");
        Assert.Equal("""{"type":"integer","minimum":1,"maximum":10}""", schema.GetProperty("days").GetRawText());
        Assert.Equal("""{"type":"string","minLength":2,"maxLength":5}""", schema.GetProperty("code").GetRawText());
        Assert.Equal("""{"type":"string","pattern":"^[a-z]+$"}""", schema.GetProperty("slug").GetRawText());
        Assert.Equal("""{"type":"string","format":"email"}""", schema.GetProperty("mail").GetRawText());
        Assert.Equal("""{"type":"array","maxItems":2,"items":{"type":"integer","minimum":-2147483648,"maximum":2147483647}}""", schema.GetProperty("tags").GetRawText());
        Assert.Equal("""{"type":"string","enum":["red","blue"],"default":"red"}""", schema.GetProperty("colour").GetRawText());
        Assert.Equal("""{"type":"number","exclusiveMinimum":0,"maximum":1,"default":0.5}""", schema.GetProperty("ratio").GetRawText());
        Assert.Equal("""{"type":"string","format":"uri"}""", schema.GetProperty("link").GetRawText());
        Assert.Equal("""{"type":"string","contentEncoding":"base64"}""", schema.GetProperty("data").GetRawText());
        Assert.Equal("""{"type":"integer","minimum":-2147483648,"maximum":2147483647,"not":{"enum":[13]},"default":7}""", schema.GetProperty("lucky").GetRawText());
    }

    [Fact]
    public async Task Valid_arguments_reach_the_method()
    {
        await using var server = await StartAsync();
        var response = await server.CallToolAsync(1, "constrained",
            """{"days":10,"code":"ab","slug":"abc","mail":"a@b.c","tags":[1,2],"colour":"blue","ratio":1,"link":"https://x.org","data":"AQID","lucky":8}""");
        Assert.Equal("ok", ServerHarness.Text(response));
    }

    [Fact]
    public async Task Every_violation_is_reported_with_its_path_and_the_method_does_not_run()
    {
        await using var server = await StartAsync();
        var response = await server.CallToolAsync(1, "constrained",
            """{"days":11,"code":"a","slug":"ABC","mail":"nobody","tags":[1,2,3],"colour":"green","ratio":0,"link":"file:///x","data":"%%%","lucky":13}""");
        var errors = response.GetProperty("result").GetProperty("structuredContent").GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("path").GetString() + ": " + e.GetProperty("message").GetString()).ToArray();
        Assert.Equal(
            [
                "/days: must be at least 1 and at most 10, got 11",
                "/code: must have between 2 and 5 characters, got 1",
                "/slug: must match the pattern ^[a-z]+$",
                "/mail: must be an email address",
                "/tags: must have at most 2 items, got 3",
                "/colour: must be one of: \"red\", \"blue\"",
                "/ratio: must be greater than 0 and at most 1, got 0",
                "/link: must be an absolute http, https or ftp URL",
                "/data: must be base64",
                "/lucky: must not be any of: 13",
            ],
            errors);
        Assert.True(response.GetProperty("result").GetProperty("isError").GetBoolean());
    }

    [Fact]
    public async Task Annotations_of_members_and_of_dates_appear_in_the_schema()
    {
        await using var server = await StartAsync();
        var tools = (await server.RequestAsync(1, "tools/list")).GetProperty("result").GetProperty("tools");
        var schema = tools.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "file_contact").GetProperty("inputSchema").GetProperty("properties");
        var contact = schema.GetProperty("contact").GetProperty("properties");
        Assert.Equal("""{"type":"string","format":"tel","description":"A phone number, as DataAnnotations' [Phone] accepts it."}""", contact.GetProperty("phone").GetRawText());
        Assert.Equal("""{"type":"string","anyOf":[{"format":"date-time"},{"pattern":"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?(Z|[+-]\\d{2}:\\d{2})?$"}],"formatMinimum":"2020-01-01T00:00:00","formatMaximum":"2030-01-01T00:00:00","description":"When they became a contact, in the 2020s."}""",
            contact.GetProperty("since").GetRawText());
        Assert.Equal("""{"type":["string","null"],"format":"credit-card","description":"A card number, if any."}""", contact.GetProperty("card").GetRawText());
        Assert.Equal("""{"type":"string","format":"date","formatMinimum":"2024-01-01","formatMaximum":"2024-12-31"}""", schema.GetProperty("day").GetRawText());
        Assert.Equal("""{"type":"string","enum":["Red","Blue"],"default":"Red"}""", schema.GetProperty("colour").GetRawText());
        Assert.Equal("""{"type":"string","minLength":1,"default":"none"}""", schema.GetProperty("note").GetRawText());
    }

    [Fact]
    public async Task Annotations_of_members_and_of_dates_are_checked_with_their_paths()
    {
        await using var server = await StartAsync();
        var response = await server.CallToolAsync(1, "file_contact",
            """{"contact":{"name":"Ada","phone":"call me","since":"1999-12-31T00:00:00","card":"1234"},"day":"2025-01-01","colour":"Green","note":null}""");
        var errors = response.GetProperty("result").GetProperty("structuredContent").GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("path").GetString() + ": " + e.GetProperty("message").GetString()).ToArray();
        Assert.Equal(
            [
                "/contact/phone: must be a phone number",
                "/contact/since: must be at least 2020-01-01T00:00:00 and at most 2030-01-01T00:00:00, got 1999-12-31T00:00:00.0000000",
                "/contact/card: must be a credit card number",
                "/day: must be at least 2024-01-01 and at most 2024-12-31, got 2025-01-01",
                "/colour: must be one of: \"Red\", \"Blue\"",
                "/note: must not be null",
            ],
            errors);

        var good = await server.CallToolAsync(2, "file_contact",
            """{"contact":{"name":"Ada","phone":"+44 20 7946 0958","since":"2021-06-01T00:00:00","card":"4111 1111 1111 1111"},"day":"2024-06-01","colour":"Blue"}""");
        Assert.Equal("filed", ServerHarness.Text(good));
    }
}
