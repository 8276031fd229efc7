using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CsCheck;
using McpForge.Tests.Fixtures;

namespace McpForge.Tests.Serialization;

/// <summary>
/// Random instances of the fixture user types (tests/McpForge.Tests/Fixtures/UserTypes.cs) that respect their
/// DataAnnotations, so every instance is one a client may send. <paramref name="offsetDates"/> restricts DateTime
/// to UTC, whose text has the offset JSON Schema's <c>date-time</c> format asks of inputs.
/// </summary>
internal static class UserTypeGen
{
    // Any BMP character outside the surrogates: every string is valid UTF-16, control characters and quotes included.
    private static readonly Gen<char> Letter = Gen.Char['\0', '\uD7FF'];
    public static readonly Gen<string> Text = Gen.String[Letter, 0, 12];
    private static readonly Gen<string> Word = Gen.String[Gen.Char['a', 'z'], 1, 8];
    private static readonly Gen<string> Zip = Gen.String[Gen.Char['0', '9'], 5, 5];
    private static readonly Gen<double> Finite = Gen.Double.Where(double.IsFinite);
    private static readonly Gen<float> FiniteFloat = Gen.Float.Where(float.IsFinite);
    private static readonly Gen<Half> SmallHalf = Gen.Float[-60000f, 60000f].Select(f => (Half)f).Where(Half.IsFinite);
    private static readonly Gen<Uri> Link = Word.Select(w => new Uri("https://example.org/" + w + "?q=" + w.Length));
    private static readonly Gen<DateTimeOffset> Offset = Gen.Select(Gen.DateTime[new DateTime(1900, 1, 1), new DateTime(2200, 1, 1)], Gen.Int[-14 * 4, 14 * 4],
        (at, quarters) => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Unspecified), TimeSpan.FromMinutes(quarters * 15)));

    private static readonly string[] s_json = ["{\"a\":1,\"b\":[true,null]}", "[1,\"x\",null]", "\"text\"", "3.5", "true", "null", "{}"];
    private static readonly Gen<JsonElement> Json = Gen.Int[0, s_json.Length - 1].Select(i => JsonDocument.Parse(s_json[i]).RootElement.Clone());

    private static Gen<Dictionary<string, T>> Dictionary<T>(Gen<T> values) =>
        Gen.Select(Word.List[0, 4], values.List[4], (keys, items) => keys.Distinct().Select((k, i) => (k, items[i])).ToDictionary(p => p.k, p => p.Item2));

    private static Gen<DateTime> Dates(bool offsetDates) => offsetDates
        ? Gen.DateTime[new DateTime(1900, 1, 1), new DateTime(2200, 1, 1)].Select(d => DateTime.SpecifyKind(d, DateTimeKind.Utc))
        : Gen.Select(Gen.DateTime[new DateTime(1900, 1, 1), new DateTime(2200, 1, 1)], Gen.Bool, (d, utc) => DateTime.SpecifyKind(d, utc ? DateTimeKind.Utc : DateTimeKind.Unspecified));

    public static Gen<Scalars> Scalars(bool offsetDates = false) =>
        Gen.Select(
            Gen.Select(Text, Gen.Bool, Gen.Byte, Gen.SByte, Gen.Short, Gen.UShort, Gen.Int, Gen.UInt),
            Gen.Select(Gen.Long, Gen.ULong, Gen.Int128, Gen.UInt128, FiniteFloat, Finite, Gen.Decimal, SmallHalf),
            Gen.Select(Letter, Gen.Guid, Dates(offsetDates), Offset, Gen.DateOnly, Gen.TimeOnly, Gen.TimeSpan, Link),
            Gen.Select(Gen.Enum<Tier>(), Gen.Byte.Array[0, 6], Json),
            (a, b, c, d) => new Scalars(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, a.Item8,
                b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, b.Item6, b.Item7, b.Item8,
                c.Item1, c.Item2, c.Item3, c.Item4, c.Item5, c.Item6, c.Item7, c.Item8,
                d.Item1, d.Item2, d.Item3));

    public static readonly Gen<NullableScalars> Nullables =
        Gen.Select(
            Gen.Select(Text.Null(), Gen.Bool.Nullable(), Gen.Int.Nullable(), Gen.Long.Nullable(), Finite.Nullable(), Gen.Decimal.Nullable(), Gen.Guid.Nullable()),
            Gen.Select(Offset.Nullable(), Gen.DateOnly.Nullable(), Gen.TimeSpan.Nullable(), Gen.Enum<Tier>().Nullable(), Gen.Byte.Array[0, 4].Null(), Link.Null(), Json.Nullable()),
            (a, b) => new NullableScalars
            {
                Text = a.Item1, Flag = a.Item2, I32 = a.Item3, I64 = a.Item4, F64 = a.Item5, Money = a.Item6, Id = a.Item7,
                AtOffset = b.Item1, Day = b.Item2, Span = b.Item3, Tier = b.Item4, Blob = b.Item5, Link = b.Item6, Any = b.Item7,
            });

    public static readonly Gen<Collections> Collections =
        Gen.Select(
            Gen.Select(Gen.Int.Array[0, 5], Text.List[0, 4], Gen.Enum<Tier>().List[0, 3], Finite.List[0, 3], Word.HashSet[0, 3], Dictionary(Gen.Int)),
            Gen.Select(Dictionary(Gen.Guid.List[0, 2]), Gen.Int.List[0, 3].List[0, 3], Gen.Int.Nullable().Array[0, 4], Text.Null().List[0, 3], Gen.Enum<Tier>().HashSet[0, 2].Null()),
            (a, b) => new Collections
            {
                Numbers = a.Item1, Words = a.Item2, Tiers = a.Item3, Weights = a.Item4, Tags = a.Item5, Counts = a.Item6,
                Groups = b.Item1, Grid = b.Item2, Gaps = b.Item3, MaybeWords = b.Item4, TierSet = b.Item5,
            });

    public static readonly Gen<Address> Address = Gen.Select(Text, Zip, Text.Null(), (street, zip, unit) => new Address(street, zip, unit));

    private static readonly Gen<OrderLine> Line =
        Gen.Select(Word, Gen.Int[1, 1000], Gen.Decimal[0m, 10_000m], Text.List[0, 2], Text.Null(),
            (sku, quantity, price, notes, gift) => new OrderLine { Sku = sku, Quantity = quantity, UnitPrice = price, Notes = notes, Gift = gift });

    private static readonly Gen<Money> Money = Gen.Select(Gen.Decimal, Gen.String[Gen.Char['A', 'Z'], 3, 3], (amount, currency) => new Money(amount, currency));

    public static Gen<Order> Order(bool offsetDates = false) =>
        Gen.Select(Word, Address, Line.List[0, 3], Gen.Enum<Tier>(), Offset, Dictionary(Text), Money.Nullable(), Gen.Int,
            (id, to, lines, tier, at, labels, discount, version) => new Order(id, to, lines, tier, at) { Labels = labels, Discount = discount, Version = version });

    public static readonly Gen<TreeNode> Tree = Gen.Recursive<TreeNode>((depth, tree) =>
        Gen.Select(Text, depth < 3 ? tree.List[0, 3] : Gen.Const(new List<TreeNode>()), depth < 2 ? tree.Null(0.7) : Gen.Const((TreeNode?)null),
            (name, children, link) => new TreeNode { Name = name, Children = children, Link = link }));

    private static readonly Gen<Dog> Dog = Gen.Select(Text, Gen.Bool, (name, good) => new Dog { Name = name, GoodBoy = good });

    private static readonly Gen<Counter> Counter = Gen.Select(Gen.Int, Text.Null(), (count, label) => new Counter { Count = count, Label = label });

    private static readonly Gen<Naming> Naming = Gen.Select(Text, Gen.Int, Text, Text, Text, (a, b, c, d, e) => new Naming(a, b, c, d, e));

    public static Gen<Bundle> Bundle(bool offsetDates = false) =>
        Gen.Select(Scalars(offsetDates), Nullables, Collections, Order(offsetDates), Tree, Dog, Counter, Gen.Select(Naming, Address.List[0, 3], Gen.Int),
            (s, n, c, o, t, d, k, rest) => new Bundle(s, n, c, o, t, d, k, rest.Item1, new Page<Address>(rest.Item2, rest.Item3)));

    public static readonly Gen<Drawing> Drawing = Gen.Select(Text,
        Gen.OneOf<Shape>(Finite.Select(r => (Shape)new Circle(r)), Finite.Select(s => (Shape)new Square(s))).List[0, 4],
        (title, shapes) => new Drawing(title, shapes));
}
