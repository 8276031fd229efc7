using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using McpForge.Cli.Doctor;
using Spectre.Console;

namespace McpForge.Cli.Output;

/// <summary>The doctor's report three ways: a table for a terminal, plain lines for logs and pipes, JSON for scripts.</summary>
internal static class DoctorReportWriter
{
    public static string StatusWord(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "passed",
        CheckStatus.Warned => "warned",
        CheckStatus.Failed => "failed",
        _ => "skipped",
    };

    /// <summary>The stable machine-readable form, documented in docs/cli.md.</summary>
    public static void WriteJson(Stream output, DoctorReport report)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("target", report.Target);
        json.WriteString("transport", report.Transport);
        json.WriteStartObject("server");
        WriteNullable(json, "name", report.ServerName);
        WriteNullable(json, "version", report.ServerVersion);
        WriteNullable(json, "protocolVersion", report.ProtocolVersion);
        json.WriteEndObject();
        json.WriteNumber("durationMs", Math.Round(report.DurationMs, 1));
        json.WriteStartObject("summary");
        foreach (var status in new[] { CheckStatus.Passed, CheckStatus.Warned, CheckStatus.Failed, CheckStatus.Skipped })
            json.WriteNumber(StatusWord(status), report.Count(status));
        json.WriteEndObject();
        json.WriteStartArray("checks");
        foreach (var result in report.Results)
        {
            json.WriteStartObject();
            json.WriteString("id", result.Check.Id);
            json.WriteString("title", result.Check.Title);
            json.WriteString("status", StatusWord(result.Status));
            json.WriteString("detail", result.Detail);
            json.WriteString("fix", result.Check.Fix);
            json.WriteString("docs", result.Check.DocsLink);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("exitCode", report.ExitCode);
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>One line per check; for a warning or failure, the fix and the docs link on the next two.</summary>
    public static void WritePlain(TextWriter output, DoctorReport report)
    {
        output.WriteLine($"mcpforge doctor: {report.Transport} {report.Target}");
        if (report.ServerName is not null) output.WriteLine($"server: {report.ServerName} {report.ServerVersion}, protocol {report.ProtocolVersion}");
        var width = 0;
        foreach (var result in report.Results) width = Math.Max(width, result.Check.Id.Length);
        foreach (var result in report.Results)
        {
            if (result.Status == CheckStatus.Skipped) continue;
            output.WriteLine($"  {Tag(result.Status)}  {result.Check.Id.PadRight(width)}  {result.Detail}");
            if (result.Status is CheckStatus.Warned or CheckStatus.Failed)
            {
                output.WriteLine($"  {"",4}  {"".PadRight(width)}  fix: {result.Check.Fix}");
                output.WriteLine($"  {"",4}  {"".PadRight(width)}  see: {result.Check.DocsLink}");
            }
        }
        foreach (var (reason, ids) in SkippedByReason(report)) output.WriteLine($"  SKIP  {ids}: {reason}");
        output.WriteLine(Summary(report));
    }

    /// <summary>Skipped checks grouped by their reason: "the handshake failed" once, not seventeen times.</summary>
    private static System.Collections.Generic.List<(string Reason, string Ids)> SkippedByReason(DoctorReport report)
    {
        var groups = new System.Collections.Generic.List<(string Reason, string Ids)>();
        foreach (var result in report.Results)
        {
            if (result.Status != CheckStatus.Skipped) continue;
            var index = groups.FindIndex(g => g.Reason == result.Detail);
            if (index < 0) groups.Add((result.Detail, result.Check.Id));
            else groups[index] = (result.Detail, groups[index].Ids + ", " + result.Check.Id);
        }
        return groups;
    }

    public static void WriteRich(IAnsiConsole console, DoctorReport report)
    {
        console.MarkupLineInterpolated($"[bold]mcpforge doctor[/] {report.Transport} {report.Target}");
        if (report.ServerName is not null) console.MarkupLineInterpolated($"server [bold]{report.ServerName}[/] {report.ServerVersion}, protocol {report.ProtocolVersion}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn("check").AddColumn("result");
        foreach (var result in report.Results)
        {
            if (result.Status == CheckStatus.Skipped) continue;
            var detail = Markup.Escape(result.Detail);
            if (result.Status is CheckStatus.Warned or CheckStatus.Failed)
                detail += $"\n[dim]fix:[/] {Markup.Escape(result.Check.Fix)}\n[dim]see:[/] [link]{Markup.Escape(result.Check.DocsLink)}[/]";
            table.AddRow(new Markup(Colored(result.Status)), new Markup(Markup.Escape(result.Check.Id)), new Markup(detail));
        }
        foreach (var (reason, ids) in SkippedByReason(report)) table.AddRow(new Markup(Colored(CheckStatus.Skipped)), new Markup(Markup.Escape(ids)), new Markup(Markup.Escape(reason)));
        console.Write(table);
        console.MarkupLine(report.ExitCode == 0 ? $"[green]{Markup.Escape(Summary(report))}[/]" : $"[red]{Markup.Escape(Summary(report))}[/]");
    }

    private static string Summary(DoctorReport report) =>
        $"{report.Count(CheckStatus.Passed)} passed, {report.Count(CheckStatus.Warned)} warned, {report.Count(CheckStatus.Failed)} failed, "
        + $"{report.Count(CheckStatus.Skipped)} skipped in {(report.DurationMs / 1000).ToString("0.00", CultureInfo.InvariantCulture)} s";

    private static string Tag(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "PASS",
        CheckStatus.Warned => "WARN",
        CheckStatus.Failed => "FAIL",
        _ => "SKIP",
    };

    private static string Colored(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "[green]PASS[/]",
        CheckStatus.Warned => "[yellow]WARN[/]",
        CheckStatus.Failed => "[red]FAIL[/]",
        _ => "[dim]SKIP[/]",
    };

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
