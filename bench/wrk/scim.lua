-- wrk script for one fixed SCIM request shape, the same for every server measured.
--
-- Environment (set by bench/driver.py):
--   BENCH_OP           lookup | get | create | put | patch | member_add | member_remove
--   BENCH_BASE         path prefix of the SCIM API, e.g. /scim/v2 (gateway) or /v2 (scim2-server)
--   BENCH_TOKEN        bearer token
--   BENCH_USERS_FILE   user ids, one a line; line i is the user named user<i, 6 digits>@example.com
--   BENCH_GROUPS_FILE  group ids, one a line; group j holds users (j * PER_GROUP + k) % USERS, k < PER_GROUP
--   BENCH_PER_GROUP    members per group in the data set
--   BENCH_LIMIT        stop after this many responses (wrk's -d bounds the time)
--   BENCH_TAG          makes created userNames unique to this run
--
-- Run with one wrk thread (-t1): the pair sequence of member_add/member_remove is then one sequence, so the
-- removals undo exactly the additions. done() prints one line "BENCH_JSON {...}" for the driver.

local op = os.getenv("BENCH_OP")
local base = os.getenv("BENCH_BASE")
local token = os.getenv("BENCH_TOKEN")
local limit = tonumber(os.getenv("BENCH_LIMIT") or "1000000000")
local tag = os.getenv("BENCH_TAG") or "t"
local perGroup = tonumber(os.getenv("BENCH_PER_GROUP") or "50")

local function readLines(path)
    local lines = {}
    if path == nil or path == "" then return lines end
    for line in io.lines(path) do
        if line ~= "" then lines[#lines + 1] = line end
    end
    return lines
end

local users = readLines(os.getenv("BENCH_USERS_FILE"))
local groups = readLines(os.getenv("BENCH_GROUPS_FILE"))
local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/scim+json",
    ["Accept"] = "application/scim+json",
}

local counter = 0
local responses = 0
math.randomseed(os.time())

local function userName(i)
    return string.format("user%06d@example.com", i)
end

local function userBody(i, displayName, name)
    return string.format(
        '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","externalId":"ext-%d",'
            .. '"name":{"givenName":"Given%d","familyName":"Family%d"},"displayName":"%s",'
            .. '"emails":[{"value":"%s","type":"work","primary":true}],"active":true}',
        name, i, i, i, displayName, name)
end

-- The k-th membership change: group k % G gets user (j * PER_GROUP + PER_GROUP + k / G) % USERS, who is
-- not a member of that group in the data set.
local function pair(k)
    local j = k % #groups
    local r = math.floor(k / #groups)
    local u = (j * perGroup + perGroup + r) % #users
    return groups[j + 1], users[u + 1]
end

local patchSchema = '"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]'

request = function()
    local k = counter
    counter = counter + 1
    if op == "lookup" then
        local i = math.random(0, #users - 1)
        return wrk.format("GET", base .. "/Users?filter=userName%20eq%20%22" .. userName(i):gsub("@", "%%40")
            .. "%22", headers)
    elseif op == "get" then
        local i = math.random(0, #users - 1)
        return wrk.format("GET", base .. "/Users/" .. users[i + 1], headers)
    elseif op == "create" then
        local name = string.format("new-%s-%d@example.com", tag, k)
        return wrk.format("POST", base .. "/Users", headers, userBody(900000 + k, "New " .. k, name))
    elseif op == "put" then
        local i = math.random(0, #users - 1)
        return wrk.format("PUT", base .. "/Users/" .. users[i + 1], headers,
            userBody(i, string.format("User %d %s-%d", i, tag, k), userName(i)))
    elseif op == "patch" then
        local i = math.random(0, #users - 1)
        local body = "{" .. patchSchema .. ',"Operations":[{"op":"replace","path":"displayName","value":"User '
            .. i .. " " .. tag .. "-" .. k .. '"}]}'
        return wrk.format("PATCH", base .. "/Users/" .. users[i + 1], headers, body)
    elseif op == "member_add" then
        local group, user = pair(k)
        local body = "{" .. patchSchema .. ',"Operations":[{"op":"add","path":"members","value":[{"value":"'
            .. user .. '"}]}]}'
        return wrk.format("PATCH", base .. "/Groups/" .. group, headers, body)
    elseif op == "member_remove" then
        local group, user = pair(k)
        local body = "{" .. patchSchema .. ',"Operations":[{"op":"remove","path":"members[value eq \\"'
            .. user .. '\\"]"}]}'
        return wrk.format("PATCH", base .. "/Groups/" .. group, headers, body)
    end
    error("unknown BENCH_OP " .. tostring(op))
end

response = function(status, headers, body)
    responses = responses + 1
    if responses >= limit then wrk.thread:stop() end
end

done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"err_connect":%d,"err_read":%d,"err_write":%d,'
            .. '"err_status":%d,"err_timeout":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
        summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
        latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
end
