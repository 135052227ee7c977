-- A browser's sign-in and its authorization requests live in the database, not in one node's HTTP session, so any
-- node can serve the next page of the code flow (no sticky sessions needed for it).

-- One row per signed-in browser: the SHA-256 of the LANYARD_SESSION cookie's random value, never the value.
CREATE TABLE browser_sessions (
    session_hash       VARCHAR(64)  NOT NULL PRIMARY KEY,
    domain_id          VARCHAR(64)  NOT NULL REFERENCES domains (domain_id) ON DELETE CASCADE,
    user_id            VARCHAR(64)  NOT NULL,
    method             VARCHAR(32)  NOT NULL,
    signed_in_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the idle limit from last_seen_at, never past signed_in_at + the absolute limit
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    -- a platform operator's console may act on another domain (the Domains tab's "Manage")
    managed_domain_id  VARCHAR(64)
);
CREATE INDEX ix_browser_sessions_user ON browser_sessions (domain_id, user_id);
CREATE INDEX ix_browser_sessions_expiry ON browser_sessions (expires_at);

-- Authorization requests waiting for sign-in and consent, bound to the browser that made them (the SHA-256 of its
-- LANYARD_BROWSER cookie): a request id works only in that browser, on any node, once.
CREATE TABLE pending_authorizations (
    request_id    VARCHAR(64)    NOT NULL PRIMARY KEY,
    browser_hash  VARCHAR(64)    NOT NULL,
    domain_id     VARCHAR(64)    NOT NULL REFERENCES domains (domain_id) ON DELETE CASCADE,
    request_json  VARCHAR(60000) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_pending_authorizations_browser ON pending_authorizations (browser_hash, created_at);
CREATE INDEX ix_pending_authorizations_expiry ON pending_authorizations (expires_at);

-- The purge job (ExpiredRowsPurge) deletes by these columns on every node every few minutes.
CREATE INDEX ix_audit_events_created ON audit_events (created_at);
CREATE INDEX ix_authorization_codes_expiry ON authorization_codes (expires_at);
CREATE INDEX ix_revoked_access_tokens_expiry ON revoked_access_tokens (expires_at);
CREATE INDEX ix_refresh_families_expiry ON refresh_families (expires_at);
CREATE INDEX ix_rate_limit_windows_started ON rate_limit_windows (window_started_at);
CREATE INDEX ix_login_failures_started ON login_failures (window_started_at);

-- The code a computer shows for a phone to scan (the trip's state, the provider's URL, the number to pick), sealed with
-- the master key: the page that shows and polls it may be served by any node.
ALTER TABLE provider_logins ADD COLUMN scan_sealed VARCHAR(4000);
CREATE INDEX ix_provider_logins_browser ON provider_logins (browser_binding, created_at);
