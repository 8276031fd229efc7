using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using McpForge;

namespace Observability;

/// <summary>Tools whose calls show up in metrics and traces.</summary>
public sealed partial class WeatherTools
{
    /// <summary>The tools' own spans, children of McpForge's request spans.</summary>
    public static readonly ActivitySource Source = new("Observability.Weather");

    /// <summary>The forecast for a city.</summary>
    /// <param name="city">The city.</param>
    [McpTool("forecast", ReadOnly = true)]
    public static async Task<string> Forecast(string city, CancellationToken cancellationToken)
    {
        using (Source.StartActivity("look up " + city))
        {
            await Task.Delay(20, cancellationToken);
        }
        return city + ": sunny";
    }

    /// <summary>Always fails (to see errors in the telemetry).</summary>
    [McpTool("broken")]
    public static string Broken() => throw new InvalidOperationException("the weather service is down");

    /// <summary>Takes longer than the slow-request threshold (to see the warning).</summary>
    [McpTool("slow")]
    public static async Task<string> Slow(CancellationToken cancellationToken)
    {
        await Task.Delay(1200, cancellationToken);
        return "eventually";
    }
}
