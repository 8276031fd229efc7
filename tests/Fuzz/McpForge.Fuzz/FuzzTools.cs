using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;

namespace McpForge.Fuzz;

public enum Mood { Calm, Busy, Angry }

/// <summary>Tools with every argument shape the generator binds, so fuzzed arguments reach every reader.</summary>
public sealed partial class FuzzTools
{
    /// <summary>Scalars.</summary>
    [McpTool("scalars")]
    public static string Scalars(int i, long? l, byte b, double d, decimal m, bool flag, char c, string text, Guid id,
        DateTimeOffset when, TimeSpan span, Uri uri, Mood mood, DateOnly day, TimeOnly time, ushort small = 7) => "ok";

    /// <summary>Collections.</summary>
    [McpTool("collections")]
    public static string Collections(string[] names, List<int> numbers, IReadOnlyList<Mood>? moods = null, IEnumerable<double>? values = null) => "ok";

    /// <summary>Constraints.</summary>
    [McpTool("constrained")]
    public static string Constrained([Range(1, 10)] int n, [StringLength(8, MinimumLength = 2)] string name,
        [RegularExpression("^[a-z]+$")] string? code = null, [EmailAddress] string? email = null, [Url] string? url = null,
        [Base64String] string? blob = null, [AllowedValues("a", "b")] string pick = "a", [Length(1, 3)] int[]? few = null) => "ok";

    /// <summary>No arguments.</summary>
    [McpTool("none")]
    public static string None() => "ok";
}

/// <summary>A resource template per operator, for the resource-read path.</summary>
public sealed partial class FuzzResources
{
    /// <summary>Query variables.</summary>
    [McpResource("fuzz://items{?q,limit}")]
    public static string Items(string? q, int limit = 10) => "items";

    /// <summary>Path variables.</summary>
    [McpResource("fuzz://users/{id}{/part}")]
    public static string User(int id, string? part) => "user";

    /// <summary>Reserved expansion.</summary>
    [McpResource("fuzz:///{+path}")]
    public static string File(string path) => "file";
}

/// <summary>A prompt with typed arguments.</summary>
public sealed partial class FuzzPrompts
{
    /// <summary>Typed prompt.</summary>
    [McpPrompt("typed")]
    public static string Typed(int count, Mood mood, string? note = null) => "prompt";
}
