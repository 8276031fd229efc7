-- wrk script: load an MCP Streamable HTTP endpoint with 2025-11-25 session requests `tools/call test_simple_text`
-- (samples/Everything) and check every answer.
--   wrk -t1 -c32 -d10s --latency -s mcp_call_load.lua http://127.0.0.1:PORT/mcp -- SESSION_ID ...
-- Requests rotate over the sessions given (one per connection is usual). An answer passes when it is HTTP 200 and
-- carries the tool's text and the request's id. At the end one line "BENCH_JSON {...}" carries the counts and latency.
local prefixes = {}
local nprefix = 1
local counter = 0
local idbase = 0
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
      .. "MCP-Protocol-Version: 2025-11-25\r\n"
   for i = 1, #args do
      table.insert(prefixes, base .. "Mcp-Session-Id: " .. args[i] .. "\r\n")
   end
   nprefix = #prefixes
   idbase = tid * 100000000
end

function request()
   counter = counter + 1
   local id = idbase + counter
   local body = '{"jsonrpc":"2.0","id":' .. id .. ',"method":"tools/call","params":{"name":"test_simple_text","arguments":{}}}'
   return prefixes[(counter % nprefix) + 1] .. "Content-Length: " .. #body .. "\r\n\r\n" .. body
end

function response(status, headers, body)
   checked = checked + 1
   if status ~= 200 then
      non200 = non200 + 1
      if not first_bad then first_bad = "HTTP " .. status .. ": " .. string.sub(body or "", 1, 200) end
   elseif not string.find(body, "This is a simple text response for testing.", 1, true) or not string.find(body, '"id":%d+') then
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
   local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
   io.write(string.format('BENCH_JSON {"requests":%d,"duration_us":%d,"bad":%d,"non200":%d,"checked":%d,"errors":%d,"p50_us":%d,"p99_us":%d}\n',
      summary.requests, summary.duration, tbad, tnon200, tchecked, errors, latency:percentile(50), latency:percentile(99)))
end
