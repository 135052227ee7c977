-- Mobile-number sign-in: SMS challenges, the counters behind the send limits, the development outbox, and audit events.

-- One code sent to one number. The code itself is never stored: code_hmac is HMAC-SHA256 over the challenge id, the
-- number, the app, the login transaction and the code, so a code is only good for the challenge it was sent for.
CREATE TABLE sms_challenges (
    id               BIGINT       NOT NULL PRIMARY KEY,
    challenge_id     VARCHAR(64)  NOT NULL,
    domain_id        VARCHAR(64)  NOT NULL REFERENCES domains (domain_id) ON DELETE CASCADE,
    app_id           VARCHAR(64),
    phone_number     VARCHAR(32)  NOT NULL,
    purpose          VARCHAR(32)  NOT NULL,
    code_hmac        VARCHAR(128) NOT NULL,
    failed_attempts  INTEGER      NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_sms_challenges UNIQUE (challenge_id)
);
CREATE INDEX ix_sms_challenges_expiry ON sms_challenges (expires_at);

-- Fixed-window counters for rate limits ("sends to +86138... this hour"): one row per (domain, key), so a limit holds
-- across restarts and nodes. A window starts with its first use and resets when it has passed.
CREATE TABLE rate_limit_windows (
    domain_id          VARCHAR(64)  NOT NULL,
    limit_key          VARCHAR(200) NOT NULL,
    window_started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used               INTEGER      NOT NULL,
    PRIMARY KEY (domain_id, limit_key)
);

-- The development SMS gateway: messages kept (encrypted) for the admin page instead of being sent.
CREATE TABLE sms_outbox (
    id                 BIGINT       NOT NULL PRIMARY KEY,
    domain_id          VARCHAR(64)  NOT NULL REFERENCES domains (domain_id) ON DELETE CASCADE,
    phone_number       VARCHAR(32)  NOT NULL,
    message_encrypted  VARCHAR(4000) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_sms_outbox_domain_created ON sms_outbox (domain_id, created_at);

-- Security-relevant events (sends, sign-ins, failures, lockouts, registrations). Never holds a code or a secret;
-- numbers are masked.
CREATE TABLE audit_events (
    id          BIGINT       NOT NULL PRIMARY KEY,
    domain_id   VARCHAR(64)  NOT NULL,
    event_type  VARCHAR(64)  NOT NULL,
    user_id     VARCHAR(64),
    app_id      VARCHAR(64),
    subject     VARCHAR(200),
    client_ip   VARCHAR(64),
    detail      VARCHAR(500),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_audit_events_domain_created ON audit_events (domain_id, created_at);
