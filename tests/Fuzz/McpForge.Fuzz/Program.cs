using System;
using System.Collections.Generic;
using System.IO;
using McpForge.Fuzz.Targets;

// The fuzz harness. Under AFL++ (eng/fuzz.sh):   afl-fuzz -i corpus/<target> -o findings -- dotnet McpForge.Fuzz.dll <target>
// Replaying files (a corpus, or findings):       dotnet McpForge.Fuzz.dll <target> --replay <file-or-folder>...
var targets = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
{
    ["message"] = bytes => SessionTargets.Message(bytes),
    ["tool-arguments"] = bytes => SessionTargets.ToolArguments(bytes),
    ["resource-uri"] = bytes => SessionTargets.ResourceUri(bytes),
    ["prompt-arguments"] = bytes => SessionTargets.PromptArguments(bytes),
    ["uri-template"] = bytes => ParserTargets.UriTemplate(bytes),
    ["accept"] = bytes => ParserTargets.Accept(bytes),
    ["last-event-id"] = bytes => ParserTargets.LastEventId(bytes),
    ["http"] = bytes => HttpTargets.Request(bytes),
};

if (args.Length == 0 || !targets.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine("usage: McpForge.Fuzz <" + string.Join("|", targets.Keys) + "> [--replay <file-or-folder>...]");
    return 2;
}

if (args.Length > 1 && args[1] == "--replay")
{
    var failures = 0;
    var count = 0;
    foreach (var path in args[2..])
    {
        foreach (var file in Directory.Exists(path) ? Directory.GetFiles(path) : [path])
        {
            count++;
            try
            {
                target(File.ReadAllBytes(file));
            }
            catch (Exception ex)
            {
                failures++;
                Console.Error.WriteLine(file + ": " + ex);
            }
        }
    }
    Console.WriteLine($"{count} inputs, {failures} failed");
    return failures == 0 ? 0 : 1;
}

SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    target(memory.ToArray());
});
return 0;
