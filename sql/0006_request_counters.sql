-- SCIM Gateway: counters shared by every replica, for rate limiting per provisioning token and for throttling
-- failed authentication per client address and per token prefix.

-- UNLOGGED: counters are worth nothing after a crash, and skipping the WAL keeps one increment per request cheap.
CREATE UNLOGGED TABLE request_counters (
    key          text        NOT NULL,
    window_start timestamptz NOT NULL,
    count        integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (key, window_start)
);
COMMENT ON TABLE request_counters IS
    'Fixed-window request counters shared by replicas: token:<token id>, authfail:ip:<address>, authfail:prefix:<prefix>. Not tenant data.';
COMMENT ON COLUMN request_counters.window_start IS 'Start of the counting window; rows of past windows are deleted.';

GRANT SELECT, INSERT, UPDATE, DELETE ON request_counters TO scim_gateway_service;
