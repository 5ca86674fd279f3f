-- SCIM Gateway: what the provisioning log's columns hold, for DBAs who read them directly.

COMMENT ON COLUMN provisioning_log.request IS
    'The request, redacted: {path, query: [{name, value}], userAgent, contentType, body}. Keys, PATCH ops and paths, '
    'schema URNs, type words, booleans, paging counts and this service''s resource ids stay; every other value is a '
    'marker such as <string:12>; secrets are <redacted>; no header but User-Agent and Content-Type is kept.';
COMMENT ON COLUMN provisioning_log.response IS 'Our answer''s body, redacted like request.body; NULL when empty.';
COMMENT ON COLUMN provisioning_log.occurred_at IS
    'When the request arrived. Each provider keeps about PROVISIONING_LOG_LIMIT entries for PROVISIONING_LOG_DAYS.';
