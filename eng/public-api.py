#!/usr/bin/env python3
"""Usage: dotnet build src/McpForge 2>&1 | python3 eng/public-api.py

Reads `dotnet build` output; appends every RS0016 symbol to the PublicAPI.Unshipped.txt beside the project named in
the message, sorted, deduplicated."""
import re, sys, os, collections
found = collections.defaultdict(set)
for line in sys.stdin:
    m = re.search(r"error RS0016: Symbol '(.*)' is not part of the declared public API .*\[(.*\.csproj)\]", line)
    if m: found[os.path.dirname(m.group(2))].add(m.group(1))
for d, symbols in found.items():
    p = os.path.join(d, 'PublicAPI.Unshipped.txt')
    lines = [l for l in open(p).read().split('\n') if l and l != '#nullable enable']
    allv = sorted(set(lines) | symbols, key=str.lower)
    open(p, 'w').write('#nullable enable\n' + '\n'.join(allv) + '\n')
    print(p, len(symbols), 'added')
