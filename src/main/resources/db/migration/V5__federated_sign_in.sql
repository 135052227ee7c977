-- Sign-in through external identity providers (DingTalk, Alibaba Cloud RAM): one row per trip to a provider.
-- The state sent to the provider is stored only as its SHA-256 hash; the row binds it to the browser that started it
-- (browser_binding = SHA-256 of that browser's login-transaction id), to the authorization request it continues
-- (next_path), and to the signed-in user when it links an identity. Each row is used once: status moves forward only,
-- by conditional updates, so a replayed callback finds nothing to use. Expired rows are deleted as new trips start.
CREATE TABLE provider_logins (
    state_hash        VARCHAR(64)   NOT NULL PRIMARY KEY,
    domain_id         VARCHAR(64)   NOT NULL REFERENCES domains (domain_id) ON DELETE CASCADE,
    user_system       VARCHAR(32)   NOT NULL,
    -- login (same browser), link (add an identity to the signed-in user), qr (a phone scans, the computer signs in)
    purpose           VARCHAR(16)   NOT NULL,
    browser_binding   VARCHAR(64)   NOT NULL,
    -- a secret of the trip that never leaves Lanyard except as the provider needs it (RAM: the PKCE code_verifier)
    trip_secret       VARCHAR(64)   NOT NULL,
    next_path         VARCHAR(2048),
    link_user_id      VARCHAR(64),
    -- started -> used (login, link) | identified -> confirmed -> finished (qr) | failed
    status            VARCHAR(16)   NOT NULL,
    -- qr: the number the computer shows and the phone must pick; the hash of the phone's one-time confirmation token;
    -- the identity the phone proved (JSON, for a user created only once the phone confirms) and then its user
    match_code        VARCHAR(8),
    confirm_hash      VARCHAR(64),
    result_identity   VARCHAR(2000),
    result_user_id    VARCHAR(64),
    -- qr: the computer's address, shown on the phone before it confirms
    client_ip         VARCHAR(64),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_provider_logins_expiry ON provider_logins (expires_at);
