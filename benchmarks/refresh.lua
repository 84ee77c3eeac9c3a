-- wrk script: one refresh-grant request per stored refresh token (they rotate, so each is used once).
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
request = function()
  i = i + 1
  if i > #tokens then i = 1 end
  return wrk.format(nil, "/fhir/auth/token", nil, "grant_type=refresh_token&client_id=load&refresh_token=" .. tokens[i])
end
