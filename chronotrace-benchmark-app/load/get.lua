-- wrk script: GET a small JSON; every FAIL_EVERY-th request (from the environment) asks for
-- product 0, which fails (500) and which the default mode keeps
local every = tonumber(os.getenv("FAIL_EVERY") or "100")
local n = 0
request = function()
  n = n + 1
  if n % every == 0 then
    return wrk.format(nil, "/api/products/0")
  end
  return wrk.format(nil, "/api/products/42")
end
