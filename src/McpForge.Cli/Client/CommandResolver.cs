using System;
using System.IO;

namespace McpForge.Cli.Client;

/// <summary>Finds a server command the way a shell would: a path as given, otherwise the first match on PATH.</summary>
internal static class CommandResolver
{
    public enum Problem { None, NotFound, NotExecutable, IsDirectory }

    public static (string? Path, Problem Problem) Resolve(string command)
    {
        if (command.Contains('/') || command.Contains(System.IO.Path.DirectorySeparatorChar))
        {
            var full = System.IO.Path.GetFullPath(command);
            if (Directory.Exists(full)) return (full, Problem.IsDirectory);
            if (!File.Exists(full)) return (null, Problem.NotFound);
            return (full, IsExecutable(full) ? Problem.None : Problem.NotExecutable);
        }

        string? notExecutable = null;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in Candidates(System.IO.Path.Combine(folder, command)))
            {
                if (!File.Exists(candidate)) continue;
                if (IsExecutable(candidate)) return (candidate, Problem.None);
                notExecutable ??= candidate;
            }
        }
        return notExecutable is null ? (null, Problem.NotFound) : (notExecutable, Problem.NotExecutable);
    }

    private static string[] Candidates(string path) =>
        OperatingSystem.IsWindows() ? [path, path + ".exe", path + ".cmd", path + ".bat"] : [path];

    private static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows()) return true;
        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
