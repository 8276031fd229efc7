-- wrk script: `tools/call` load for compare_eras.py, one script for every kind of request, every answer checked.
--   wrk -t1 -c32 -d10s -s eras_load.lua http://127.0.0.1:PORT/mcp -- modern
--   wrk -t1 -c32 -d10s -s eras_load.lua http://127.0.0.1:PORT/mcp -- session SESSION_ID...
--   wrk -t1 -c32 -d10s -s eras_load.lua http://127.0.0.1:PORT/mcp -- sized MESSAGE PAD SESSION_ID...
-- modern   2026-07-28 `add` requests: no session; `_meta`, MCP-Protocol-Version, Mcp-Method and Mcp-Name on each.
-- session  2025-11-25 `add` requests in the given sessions (connections rotate over them).
-- sized    2025-11-25 requests of the 2026-07-28 bytes: `tools/call echo` of the id and MESSAGE more characters, as long
--          as the 2026-07-28 answer's extra bytes, with a `_meta` pad of PAD characters making up the longer body (the
--          session request's headers are already the longer: Mcp-Session-Id outweighs Mcp-Method and Mcp-Name).
-- Each request has a fresh id; for `add`, a = id % 1000003 and b = 7, so the sum an answer must carry follows from its
-- id. One script for all kinds, because at 32 connections wrk shares the machine with the server (or has a core of its
-- own with --pin, and then can be the bottleneck): what it spends a request must not differ between the kinds beyond
-- their bytes. Hence the checks are plain substring searches of the compact JSON every server measured here writes;
-- a Lua pattern search (`"text"%s*:%s*"12"`) over a 2026-07-28 answer cost wrk about 7 µs a request, enough to make
-- wrk, not the server, what limited the 2026-07-28 and ceiling runs (docs/benchmarks.md, "Protocol eras").
-- At the end one line "ERABENCH_JSON {...}" carries the summary (requests, errors, bad answers, latency percentiles).
local B = 7
local MOD = 1000003
local counter = 0
local idbase = 0
local prefixes = {}
local mode, message, pad = "modern", "", ""
bad, non200, checked = 0, 0, 0
first_bad = nil
local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("tid", #threads)
end

function init(args)
   local base = "POST " .. wrk.path .. " HTTP/1.1\r\n"
      .. "Host: " .. wrk.headers["Host"] .. "\r\n"
      .. "Content-Type: application/json\r\n"
      .. "Accept: application/json, text/event-stream\r\n"
   mode = args[1] or "modern"
   local first_session
   if mode == "modern" then
      prefixes[1] = base .. "MCP-Protocol-Version: 2026-07-28\r\n" .. "Mcp-Method: tools/call\r\n" .. "Mcp-Name: add\r\n"
   elseif mode == "session" then
      first_session = 2
   elseif mode == "sized" then
      message = string.rep("x", tonumber(args[2]))
      pad = string.rep("y", tonumber(args[3]))
      first_session = 4
   else
      error("unknown kind " .. mode .. ": modern, session or sized")
   end
   if first_session then
      for i = first_session, #args do
         table.insert(prefixes, base .. "MCP-Protocol-Version: 2025-11-25\r\n" .. "Mcp-Session-Id: " .. args[i] .. "\r\n")
      end
      if #prefixes == 0 then error(mode .. " needs session ids") end
   end
   idbase = tid * 100000000
end

function request()
   counter = counter + 1
   local id = idbase + counter
   local body
   if mode == "modern" then
      body = '{"jsonrpc":"2.0","id":' .. id .. ',"method":"tools/call","params":{"name":"add","arguments":{"a":'
         .. (id % MOD) .. ',"b":' .. B .. '},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",'
         .. '"io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"erabench","version":"1"}}}}'
   elseif mode == "session" then
      body = '{"jsonrpc":"2.0","id":' .. id .. ',"method":"tools/call","params":{"name":"add","arguments":{"a":'
         .. (id % MOD) .. ',"b":' .. B .. '}}}'
   else
      body = '{"jsonrpc":"2.0","id":' .. id .. ',"method":"tools/call","params":{"name":"echo","arguments":{"message":"'
         .. id .. message .. '"},"_meta":{"pad":"' .. pad .. '"}}}'
   end
   return prefixes[(counter % #prefixes) + 1] .. "Content-Length: " .. #body .. "\r\n\r\n" .. body
end

local function right(body)
   local id = string.match(body, '"id":(%d+)')
   if not id or string.find(body, '"isError":true', 1, true) then return false end
   local text
   if mode == "sized" then
      text = '"text":"' .. id .. message .. '"'
   else
      text = '"text":"' .. tostring(tonumber(id) % MOD + B) .. '"'
   end
   return string.find(body, text, 1, true) ~= nil
end

function response(status, headers, body)
   checked = checked + 1
   if status ~= 200 then
      non200 = non200 + 1
      if not first_bad then first_bad = "HTTP " .. status end
   elseif not right(body) then
      bad = bad + 1
      if not first_bad then first_bad = string.sub(body or "", 1, 200) end
   end
end

function done(summary, latency, requests)
   local tbad, tnon200, tchecked = 0, 0, 0
   for _, t in ipairs(threads) do
      tbad = tbad + (t:get("bad") or 0)
      tnon200 = tnon200 + (t:get("non200") or 0)
      tchecked = tchecked + (t:get("checked") or 0)
   end
   local e = summary.errors
   io.write(string.format('ERABENCH_JSON {"requests":%d,"duration_us":%d,"errors":%d,"bad":%d,"non200":%d,"checked":%d,'
      .. '"p50_us":%d,"p99_us":%d}\n', summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
      tbad, tnon200, tchecked, latency:percentile(50), latency:percentile(99)))
end
