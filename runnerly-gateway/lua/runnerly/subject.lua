-- The subject ("sub" claim) of a request's bearer token, as the key of the per-subject
-- rate and connection limits (http/limits.conf).
--
-- The token is NOT verified here: the services verify it. A forged subject only moves its
-- sender into another bucket, and the per-address limits still hold that sender. An empty
-- string (no token, or not a JWT) means "not counted" to limit_req and limit_conn.
local base64 = require "ngx.base64"
local cjson = require "cjson.safe"

local M = {}

local MAX_HEADER = 8192  -- longer Authorization headers are not decoded
local MAX_SUBJECT = 128  -- a longer subject is cut, so one key cannot fill the zone

function M.from_authorization(header)
    if type(header) ~= "string" or #header > MAX_HEADER then
        return ""
    end
    local payload = header:match("^[Bb]earer +[%w_-]+%.([%w_-]+)%.[%w_-]*$")
    if not payload then
        return ""
    end
    local claims = cjson.decode(base64.decode_base64url(payload) or "")
    if type(claims) ~= "table" then
        return ""
    end
    local subject = claims.sub
    if type(subject) ~= "string" and type(subject) ~= "number" then
        return ""
    end
    subject = tostring(subject)
    if subject == "" then
        return ""
    end
    return "sub:" .. subject:sub(1, MAX_SUBJECT)
end

return M
