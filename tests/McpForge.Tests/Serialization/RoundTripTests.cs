using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using McpForge.Generated;
using McpForge.Tests.Fixtures;

namespace McpForge.Tests.Serialization;

/// <summary>
/// Property tests of the generated serializers over random instances of every fixture type: what a generated writer
/// writes is byte for byte what System.Text.Json's source generator writes (same naming), and reading it back gives a
/// value that writes the same JSON again (value, JSON, value is the identity).
/// </summary>
public sealed class RoundTripTests
{
    private const int Iterations = 300;

    private delegate bool Reader<T>(ref Utf8JsonReader reader, JsonReadContext context, out T value);

    private static string Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static T Read<T>(string json, Reader<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        var context = new JsonReadContext();
        var ok = read(ref reader, context, out var value);
        Assert.True(ok && !context.HasArgumentErrors,
            "reading what was written failed:\n" + string.Join("\n", context.ArgumentErrors.Select(e => e.Path + ": " + e.Message)) + "\n" + json);
        Assert.False(reader.Read(), "the reader did not consume the whole value");
        return value;
    }

    private static void RoundTrip<T>(Gen<T> gen, Action<Utf8JsonWriter, T> write, Reader<T> read, JsonTypeInfo<T> reference) =>
        gen.Sample(value =>
        {
            var expected = JsonSerializer.Serialize(value, reference);
            var written = Write(value, write);
            Assert.Equal(expected, written);
            var again = Write(Read(written, read), write);
            Assert.Equal(expected, again);
        }, iter: Iterations);

    [Fact]
    public void Everything_at_once_matches_System_Text_Json_and_reads_back() =>
        RoundTrip(UserTypeGen.Bundle(), McpForgeJson.Write_McpForge_Tests_Fixtures_Bundle, McpForgeJson.Read_McpForge_Tests_Fixtures_Bundle, StjReference.Default.Bundle);

    [Fact]
    public void Types_routed_through_the_users_JsonSerializerContext_match_and_read_back() =>
        RoundTrip(UserTypeGen.Drawing, McpForgeJson.Write_McpForge_Tests_Fixtures_Drawing, McpForgeJson.Read_McpForge_Tests_Fixtures_Drawing, StjReference.Default.Drawing);

    [Fact]
    public void Inheritance_writes_the_derived_members_first_as_System_Text_Json_does()
    {
        var written = Write(new Dog { Name = "Rex", GoodBoy = true }, McpForgeJson.Write_McpForge_Tests_Fixtures_Dog);
        Assert.Equal("""{"goodBoy":true,"name":"Rex"}""", written);
    }

    [Fact]
    public void Naming_follows_camelCase_and_JsonPropertyName()
    {
        var written = Write(new Naming("u", 1, "i", "c", "s"), McpForgeJson.Write_McpForge_Tests_Fixtures_Naming);
        Assert.Equal("""{"urlValue":"u","ioCount":1,"id":"i","custom-name":"c","already_snake":"s"}""", written);
    }

    [Fact]
    public void Init_and_settable_members_left_out_keep_their_initializers()
    {
        var line = Read<OrderLine>("""{"sku":"A1"}""", McpForgeJson.Read_McpForge_Tests_Fixtures_OrderLine);
        Assert.Equal(1, line.Quantity);       // settable, initialized to 1
        Assert.NotNull(line.Notes);           // init, initialized to a new list
        Assert.Empty(line.Notes);
        var order = Read<Order>("""{"id":"o","shipTo":{"street":"s","zip":"12345"},"lines":[],"tier":"Pro","placedAt":"2025-01-02T03:04:05+01:00"}""",
            McpForgeJson.Read_McpForge_Tests_Fixtures_Order);
        Assert.Equal(1, order.Version);       // init with a constant initializer
        Assert.Empty(order.Labels);           // init with a computed initializer, kept by the generated accessor
        Assert.Null(order.ShipTo.Unit);       // constructor parameter default
    }

    [Fact]
    public void Enum_member_names_honour_JsonStringEnumMemberName()
    {
        var scalars = UserTypeGen.Scalars().Where(s => s.Tier == Tier.EnterprisePlus).Single();
        Assert.Contains("\"tier\":\"enterprise-plus\"", Write(scalars, McpForgeJson.Write_McpForge_Tests_Fixtures_Scalars));
    }
}
