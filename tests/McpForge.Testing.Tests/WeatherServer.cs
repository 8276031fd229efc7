using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Protocol;

namespace McpForge.Testing.Tests;

/// <summary>A forecast, the structured result of a tool.</summary>
public sealed record Forecast(string City, int Days, double HighCelsius);

/// <summary>The arguments of the forecast tool, as a test writes them typed.</summary>
public sealed record ForecastArguments(string City, int Days);

/// <summary>The test's own JSON context: typed arguments and results without reflection.</summary>
[JsonSerializable(typeof(ForecastArguments))]
[JsonSerializable(typeof(Forecast))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
public sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>The server under test: tools of every kind the testing package must reach.</summary>
public sealed partial class WeatherTools
{
    /// <summary>How many times ask_name's handler started (a 2026-07-28 round runs it again).</summary>
    public static int AskNameRuns;

    /// <summary>Adds two integers.</summary>
    /// <param name="a">First addend.</param>
    /// <param name="b">Second addend.</param>
    [McpTool("add", ReadOnly = true)]
    public static long Add(int a, int b) => (long)a + b;

    /// <summary>The forecast for a city.</summary>
    /// <param name="city">The city.</param>
    /// <param name="days">How many days, 1 to 7.</param>
    [McpTool("forecast", ReadOnly = true)]
    public static Forecast GetForecast(string city, [Range(1, 7)] int days) => new(city, days, 21.5);

    /// <summary>Works in three steps, reporting each and logging as it goes.</summary>
    [McpTool("work")]
    public static async Task<string> WorkAsync(McpContext context)
    {
        await context.LogDebugAsync("starting (debug)");
        for (var step = 1; step <= 3; step++)
        {
            await context.ReportProgressAsync(step, 3, "step " + step);
        }
        await context.LogInfoAsync("done");
        return "worked";
    }

    /// <summary>Fails.</summary>
    [McpTool("fail")]
    public static string Fail() => throw new InvalidOperationException("The forecast service is down.");

    /// <summary>Asks the client's model for a haiku.</summary>
    /// <param name="topic">What the haiku is about.</param>
    [McpTool("haiku")]
    public static async Task<string> HaikuAsync(string topic, McpContext context)
    {
        var answer = await context.SampleAsync([PromptMessage.User("A haiku about " + topic)], maxTokens: 60);
        return answer.Text + " (" + answer.Model + ")";
    }

    /// <summary>Asks the user for their name.</summary>
    [McpTool("ask_name")]
    public static async Task<string> AskNameAsync(McpContext context)
    {
        Interlocked.Increment(ref AskNameRuns);
        var answer = await context.ElicitAsync("Your name?", """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""");
        return answer.Action == ElicitationAction.Accept ? "Hello, " + answer.Content!.Value.GetProperty("name").GetString() : "No name: " + answer.Action;
    }

    /// <summary>Lists the client's roots.</summary>
    [McpTool("roots")]
    public static async Task<string> RootsAsync(McpContext context)
    {
        var roots = await context.ListRootsAsync();
        return string.Join(", ", System.Linq.Enumerable.Select(roots, r => r.Uri));
    }

    /// <summary>Waits until cancelled, then says it saw the cancellation.</summary>
    [McpTool("wait")]
    public static async Task<string> WaitAsync(CancellationToken cancellationToken)
    {
        Started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return "never";
        }
        catch (OperationCanceledException)
        {
            Cancelled.TrySetResult();
            throw;
        }
    }

    /// <summary>Set when wait starts.</summary>
    public static TaskCompletionSource Started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when wait's token fires.</summary>
    public static TaskCompletionSource Cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The server's prompts.</summary>
public sealed partial class WeatherPrompts
{
    /// <summary>Asks for a weather report.</summary>
    /// <param name="city">The city.</param>
    /// <param name="style">How to write it.</param>
    [McpPrompt("report")]
    public static string Report(string city, string style = "short") => $"Write a {style} weather report for {city}.";
}

/// <summary>The server's resources.</summary>
public sealed partial class WeatherResources
{
    /// <summary>The stations.</summary>
    [McpResource("weather://stations", MimeType = "text/plain")]
    public static string Stations() => "Oslo, Bergen";

    /// <summary>A station's readings.</summary>
    [McpResource("weather://stations/{id}", MimeType = "application/json")]
    public static string Station(int id) => "{\"id\":" + id + ",\"celsius\":4}";
}

/// <summary>Builds the server under test.</summary>
public static class WeatherServer
{
    public static McpServerBuilder Builder()
    {
        var builder = McpServer.CreateBuilder("weather", "1.2.3").AddTools<WeatherTools>().AddPrompts<WeatherPrompts>().AddResources<WeatherResources>();
        builder.Options.ErrorLog = System.IO.TextWriter.Null;
        return builder;
    }
}
