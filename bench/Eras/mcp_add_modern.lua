-- wrk script: 2026-07-28 `tools/call add` requests (no session; _meta, MCP-Protocol-Version, Mcp-Method and Mcp-Name on
-- every request), every answer checked. The session-era load is ../../../shared/bench/http/driver/mcp_add_load.lua.
--   wrk -t1 -c32 -d10s -s mcp_add_modern.lua http://127.0.0.1:PORT/mcp
-- Each request has a fresh id; a = id % 1000003 and b = 7, so the sum an answer must carry follows from its id. At the
-- end one line "ERABENCH_JSON {...}" carries the summary (requests, errors, bad answers, latency percentiles in µs).
--
-- With arguments, session requests of the same bytes instead (compare_eras.py, "sized"): `tools/call echo` of the id and
-- MESSAGE more characters, as long as the 2026-07-28 answer's extra bytes, with a `_meta` pad of PAD characters making up
-- the longer body, so that what is left between the two is the era (the session request's headers are already the
-- longer: Mcp-Session-Id outweighs Mcp-Method and Mcp-Name). Connections rotate over the session ids.
--   wrk -t1 -c32 -d10s -s mcp_add_modern.lua http://127.0.0.1:PORT/mcp -- MESSAGE PAD SESSION_ID...
local B = 7
local MOD = 1000003
local counter = 0
local idbase = 0
local prefixes = {}
local sized, message, pad = false, "", ""
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
   sized = #args >= 3
   if sized then
      message = string.rep("x", tonumber(args[1]))
      pad = string.rep("y", tonumber(args[2]))
      for i = 3, #args do
         table.insert(prefixes, base .. "MCP-Protocol-Version: 2025-11-25\r\n" .. "Mcp-Session-Id: " .. args[i] .. "\r\n")
      end
   else
      prefixes[1] = base .. "MCP-Protocol-Version: 2026-07-28\r\n" .. "Mcp-Method: tools/call\r\n" .. "Mcp-Name: add\r\n"
   end
   idbase = tid * 100000000
end

function request()
   counter = counter + 1
   local id = idbase + counter
   local body
   if sized then
      body = '{"jsonrpc":"2.0","id":' .. id .. ',"method":"tools/call","params":{"name":"echo","arguments":{"message":"'
         .. id .. message .. '"},"_meta":{"pad":"' .. pad .. '"}}}'
   else
      body = '{"jsonrpc":"2.0","id":' .. id .. ',"method":"tools/call","params":{"name":"add","arguments":{"a":'
         .. (id % MOD) .. ',"b":' .. B .. '},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",'
         .. '"io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"erabench","version":"1"}}}}'
   end
   return prefixes[(counter % #prefixes) + 1] .. "Content-Length: " .. #body .. "\r\n\r\n" .. body
end

local function right(body)
   local id = string.match(body, '"id"%s*:%s*(%d+)')
   if not id or string.find(body, '"isError"%s*:%s*true') then return false end
   if sized then return string.find(body, '"text":"' .. id .. message .. '"', 1, true) ~= nil end
   return string.find(body, '"text"%s*:%s*"' .. tostring(tonumber(id) % MOD + B) .. '"') ~= nil
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
