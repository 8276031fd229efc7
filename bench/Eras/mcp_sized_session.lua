-- wrk script: 2025-11-25 session requests with the bytes of a 2026-07-28 `tools/call add` (compare_eras.py, "sized"):
-- `tools/call echo` of a message as long as the 2026-07-28 answer's extra bytes, with a `_meta` pad making up the longer
-- body, so that what a request and its answer cost in bytes is the same as the 2026-07-28 one's and what is left is the
-- era. (The session request's headers are already the longer: Mcp-Session-Id outweighs Mcp-Method and Mcp-Name.)
--   wrk -t1 -c32 -d10s -s mcp_sized_session.lua http://127.0.0.1:PORT/mcp -- MESSAGE PAD SESSION_ID...
-- MESSAGE  extra characters of the echoed message (after the request's id, which makes each answer checkable)
-- PAD      characters of the `_meta` pad
-- Connections rotate over the session ids. At the end one line "ERABENCH_JSON {...}" carries the summary.
local counter = 0
local idbase = 0
local prefixes = {}
local message, pad = "", ""
bad, non200, checked = 0, 0, 0
local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("tid", #threads)
end

function init(args)
   message = string.rep("x", tonumber(args[1]))
   pad = string.rep("y", tonumber(args[2]))
   for i = 3, #args do
      table.insert(prefixes, "POST " .. wrk.path .. " HTTP/1.1\r\n"
         .. "Host: " .. wrk.headers["Host"] .. "\r\n"
         .. "Content-Type: application/json\r\n"
         .. "Accept: application/json, text/event-stream\r\n"
         .. "MCP-Protocol-Version: 2025-11-25\r\n"
         .. "Mcp-Session-Id: " .. args[i] .. "\r\n")
   end
   idbase = tid * 100000000
end

function request()
   counter = counter + 1
   local id = idbase + counter
   local body = '{"jsonrpc":"2.0","id":' .. id .. ',"method":"tools/call","params":{"name":"echo","arguments":{"message":"'
      .. id .. message .. '"},"_meta":{"pad":"' .. pad .. '"}}}'
   return prefixes[(counter % #prefixes) + 1] .. "Content-Length: " .. #body .. "\r\n\r\n" .. body
end

local function right(body)
   local id = string.match(body, '"id"%s*:%s*(%d+)')
   if not id or string.find(body, '"isError"%s*:%s*true') then return false end
   return string.find(body, '"text":"' .. id .. message .. '"', 1, true) ~= nil
end

function response(status, headers, body)
   checked = checked + 1
   if status ~= 200 then
      non200 = non200 + 1
   elseif not right(body) then
      bad = bad + 1
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
