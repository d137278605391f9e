-- The gateway's own 405 answers, with the Allow header RFC 9110 (section 15.5.6) requires.
--
-- nginx refuses TRACE itself, and the gateway any method the suite does not serve, before
-- any route is chosen: neither can know which methods the resource allows. The service
-- behind the address does (runnerly_core.allow): the gateway asks it with an OPTIONS subrequest for the same URI and passes its Allow on. A
-- resource the gateway serves from disk (the dashboard's single-page app) allows GET and
-- HEAD; an address nothing answers is a 404, as it would be for any method.
local M = {}

local STATIC = "GET, HEAD"
local NOT_ALLOWED = '{"detail":"This method is not allowed here.","status":405,'
    .. '"title":"Method Not Allowed","type":"about:blank"}\n'
local NOT_FOUND = '{"detail":"Nothing is served at this address.","status":404,'
    .. '"title":"Not Found","type":"about:blank"}\n'

-- A subrequest's headers keep the case the upstream sent (uvicorn: "allow").
local function header_value(headers, wanted)
    for name, value in pairs(headers) do
        if name:lower() == wanted then
            if type(value) == "table" then
                return table.concat(value, ", ")
            end
            return value
        end
    end
    return nil
end

local SERVED = {
    GET = true, HEAD = true, POST = true, PUT = true, PATCH = true, DELETE = true, OPTIONS = true,
}

-- "yes" when the suite serves the request's method (server.conf answers the rest 405).
function M.served()
    if SERVED[ngx.req.get_method()] then
        return "yes"
    end
    return "no"
end

-- The methods the resource at `uri` allows, or nil when nothing is served there.
function M.methods(uri)
    if ngx.is_subrequest then
        return STATIC  -- the probe itself was refused by nginx: a file from disk
    end
    -- An empty body of its own: the refused request's body is still unread, and the WAF
    -- reading it for the subrequest crashes the worker (libmodsecurity 3.0.9 with
    -- ModSecurity-nginx 1.0.3).
    local probe = ngx.location.capture(uri, { method = ngx.HTTP_OPTIONS, body = "" })
    if probe.status == ngx.HTTP_NOT_FOUND then
        return nil
    end
    local allow = header_value(probe.header, "allow")
    if allow == nil or allow == "" then
        return STATIC
    end
    return allow
end

-- The answer of error_page 405: problem+json, with the resource's methods in Allow.
function M.answer()
    local allow = M.methods(ngx.var.uri)
    ngx.header["Content-Type"] = "application/problem+json"
    if allow == nil then
        ngx.status = ngx.HTTP_NOT_FOUND
        ngx.print(NOT_FOUND)
        return
    end
    ngx.status = ngx.HTTP_NOT_ALLOWED
    ngx.header["Allow"] = allow
    ngx.print(NOT_ALLOWED)
end

return M
