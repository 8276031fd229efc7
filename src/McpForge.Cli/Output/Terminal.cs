using System;
using Spectre.Console;

namespace McpForge.Cli.Output;

/// <summary>Whether to draw (colours, a spinner, tables) or to write plain lines: plain whenever output is not a terminal.</summary>
internal static class Terminal
{
    /// <summary>Colours and tables on stdout only for a terminal and without NO_COLOR.</summary>
    public static bool StdoutIsInteractive =>
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null && Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary>The progress spinner goes to stderr, so <c>--json &gt; file</c> still shows progress.</summary>
    public static bool StderrIsInteractive =>
        !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null && Environment.GetEnvironmentVariable("TERM") != "dumb";

    public static IAnsiConsole Stdout() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

    public static IAnsiConsole Stderr() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}
