using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Cli.Doctor;
using McpForge.Cli.Output;
using Spectre.Console;

namespace McpForge.Cli.Commands;

/// <summary><c>mcpforge doctor</c>: the troubleshooting guide's checks, automated, against any MCP server.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var target = new ServerTargetOptions();
        var json = new Option<bool>("--json") { Description = "Write the report as JSON (docs/cli.md describes it)" };
        var protocol = new Option<string>("--protocol-version") { Description = "The protocol revision to ask for", DefaultValueFactory = _ => Protocol.McpProtocol.LatestVersion };
        var timeout = new Option<int>("--timeout-ms") { Description = "How long one request may take before it counts as unanswered", DefaultValueFactory = _ => 30_000 };
        var slow = new Option<int>("--slow-ms") { Description = "Flag requests slower than this", DefaultValueFactory = _ => 5_000 };
        var maxBytes = new Option<long>("--max-response-bytes") { Description = "Flag responses larger than this", DefaultValueFactory = _ => 1_000_000 };
        var errorWait = new Option<int>("--error-wait-ms") { Description = "How long to wait for the answer to a malformed message", DefaultValueFactory = _ => 2_000 };
        var memoryGrowth = new Option<int>("--memory-growth-mb") { Description = "Flag resident memory growing by more than this during the checks", DefaultValueFactory = _ => 50 };
        var certificateDays = new Option<int>("--cert-warn-days") { Description = "Flag a TLS certificate expiring within this many days", DefaultValueFactory = _ => 14 };

        var command = new Command("doctor", "Checks an MCP server against the troubleshooting guide: `mcpforge doctor -- <command> [args]` or `mcpforge doctor --url <url>`");
        target.AddTo(command);
        foreach (var option in new Option[] { json, protocol, timeout, slow, maxBytes, errorWait, memoryGrowth, certificateDays }) command.Options.Add(option);

        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var (server, error) = target.Read(result);
            if (server is null)
            {
                await Console.Error.WriteLineAsync("mcpforge doctor: " + error).ConfigureAwait(false);
                return 2;
            }
            var options = new DoctorOptions
            {
                ProtocolVersion = result.GetValue(protocol)!,
                RequestTimeout = TimeSpan.FromMilliseconds(result.GetValue(timeout)),
                SlowRequest = TimeSpan.FromMilliseconds(result.GetValue(slow)),
                MaxResponseBytes = result.GetValue(maxBytes),
                ErrorWait = TimeSpan.FromMilliseconds(result.GetValue(errorWait)),
                MemoryGrowthBytes = result.GetValue(memoryGrowth) * 1024L * 1024L,
                CertificateWarningDays = result.GetValue(certificateDays),
                Insecure = server.Insecure,
            };

            var report = await RunWithProgressAsync(server, options, cancellationToken).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                DoctorReportWriter.WriteJson(stdout, report);
            }
            else if (Terminal.StdoutIsInteractive)
            {
                DoctorReportWriter.WriteRich(Terminal.Stdout(), report);
            }
            else
            {
                DoctorReportWriter.WritePlain(Console.Out, report);
            }
            return report.ExitCode;
        });
        return command;
    }

    private static Task<DoctorReport> RunWithProgressAsync(ServerTarget server, DoctorOptions options, CancellationToken cancellationToken)
    {
        Task<DoctorReport> Run(Action<string> progress) => server.Url is { } url
            ? DoctorRunner.RunHttpAsync(url, server.Headers, server.Token, options, progress, cancellationToken)
            : DoctorRunner.RunStdioAsync(server.Command!, options, progress, cancellationToken);

        if (!Terminal.StderrIsInteractive) return Run(_ => { });
        return Terminal.Stderr().Status().Spinner(Spinner.Known.Dots).StartAsync("mcpforge doctor", context =>
            Run(step => context.Status("mcpforge doctor: " + Markup.Escape(step))));
    }
}
