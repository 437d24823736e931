-- wrk script: POST a 1 KB JSON body to the echo endpoint; with FAIL_EVERY=n in the environment,
-- every n-th request asks the endpoint to fail (500), which the default mode keeps
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local lines = {}
for i = 1, 12 do
  lines[#lines + 1] = string.format('{"productId":%d,"quantity":%d,"note":"gift wrap, deliver to the side door"}', i, i % 3 + 1)
end
wrk.body = '{"orderId":"8b1f4c2e-77aa-4e0b-9d51-3f0c6a1b2d3e","customer":"Zoe Martin","lines":[' .. table.concat(lines, ",") .. '],"comment":"please call before delivery"}'

local every = tonumber(os.getenv("FAIL_EVERY") or "")
if every then
  local n = 0
  request = function()
    n = n + 1
    if n % every == 0 then
      return wrk.format(nil, "/api/echo?fail=true")
    end
    return wrk.format(nil, "/api/echo")
  end
end
