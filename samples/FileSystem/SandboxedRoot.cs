using System;
using System.IO;

namespace FileSystem;

/// <summary>The one folder the server may read, and the check that keeps every path inside it.</summary>
public sealed class SandboxedRoot(string path)
{
    /// <summary>The root, as a full path with a trailing separator.</summary>
    public string Path { get; } = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path)) + System.IO.Path.DirectorySeparatorChar;

    /// <summary>
    /// The full path of <paramref name="relative"/> under the root. Throws <see cref="UnauthorizedAccessException"/>
    /// for anything that resolves outside it: <c>..</c> segments, absolute paths, and symbolic links that lead out.
    /// </summary>
    public string Resolve(string relative)
    {
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relative.TrimStart('/')));
        if (!IsInside(full))
        {
            throw new UnauthorizedAccessException($"'{relative}' is outside the served folder.");
        }
        var info = new FileInfo(full);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target && !IsInside(target.FullName))
        {
            throw new UnauthorizedAccessException($"'{relative}' links outside the served folder.");
        }
        return full;
    }

    /// <summary>The path relative to the root, with forward slashes.</summary>
    public string Relative(string full) => System.IO.Path.GetRelativePath(Path, full).Replace('\\', '/');

    private bool IsInside(string full) =>
        full.StartsWith(Path, StringComparison.Ordinal) || full + System.IO.Path.DirectorySeparatorChar == Path;
}
