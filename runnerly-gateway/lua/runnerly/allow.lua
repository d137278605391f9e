-- The gateway's own 405 answers, with the Allow header RFC 9110 (section 15.5.6) requires.
--
-- The gateway refuses, before any route is chosen and before the WAF reads the request, a
-- method the suite does not serve (QUERY, WebDAV's, ...) and a method a route does not
-- serve (a GET, body and all, to POST /oauth/token): the method is wrong, the request not
-- hostile. A route's methods come from the services' specs, as the nginx map
-- $runnerly_route_methods (http/methods.conf). For an address outside that table, and for
-- TRACE, which nginx refuses itself, the service behind the address knows
-- (runnerly_core.allow): the gateway asks it with an OPTIONS subrequest for the same URI
-- and passes its Allow on. A resource the gateway serves from disk (the dashboard's
-- single-page app) allows GET and HEAD; an address nothing answers is a 404, as it would
-- be for any method.
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

-- Whether `allow` ("DELETE, GET, POST") names `method`.
local function lists(allow, method)
    for listed in allow:gmatch("[A-Z]+") do
        if listed == method then
            return true
        end
    end
    return false
end

-- The methods of the request's route from the specs, or nil for an address not in them.
local function route_methods()
    local allow = ngx.var.runnerly_route_methods
    if allow == nil or allow == "" then
        return nil
    end
    return allow
end

-- "yes" when the request's method is served here (server.conf answers the rest 405):
-- a method of the suite, and one of the route's when the specs name the route. HEAD goes
-- wherever GET does; OPTIONS always passes (CORS preflights, the Allow probe below).
function M.served()
    local method = ngx.req.get_method()
    if not SERVED[method] then
        return "no"
    end
    local allow = method ~= "OPTIONS" and route_methods()
    if not allow or lists(allow, method) or (method == "HEAD" and lists(allow, "GET")) then
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
    local allow = route_methods() or M.methods(ngx.var.uri)
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
