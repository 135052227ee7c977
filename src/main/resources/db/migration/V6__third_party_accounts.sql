-- Third-party account systems: JWT apps (keys by PEM or a JWKS URL, what their assertions may do) and the records
-- that make one-time values one-time across restarts and nodes.

-- A JWT app may publish its keys at a JWKS URL instead of uploading PEMs; it may ask for the domain's service token
-- (superadmin rights) only when allowed, and create users that do not exist yet only when allowed.
ALTER TABLE apps ADD COLUMN jwks_url VARCHAR(2048);
ALTER TABLE apps ADD COLUMN service_tokens BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE apps ADD COLUMN auto_create_users BOOLEAN DEFAULT FALSE NOT NULL;

-- Values that may be used once within their lifetime (a JWT-bearer assertion's jti, an AccessKey request's
-- signature), as SHA-256 of the value and who sent it, kept until they could no longer be accepted anyway.
CREATE TABLE replay_records (
    domain_id    VARCHAR(64)  NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    fingerprint  VARCHAR(64)  NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (domain_id, kind, fingerprint)
);
CREATE INDEX ix_replay_records_expiry ON replay_records (expires_at);
