-- OAuth 2.0: signing keys, authorization codes, refresh-token families, revoked access tokens.
-- Secrets are never stored: codes and tokens as SHA-256 hashes, private keys encrypted with the master key.

CREATE TABLE signing_keys (
    kid              VARCHAR(64)   NOT NULL PRIMARY KEY,
    domain_id        VARCHAR(64)   NOT NULL REFERENCES domains (domain_id) ON DELETE CASCADE,
    algorithm        VARCHAR(16)   NOT NULL,
    public_jwk       VARCHAR(4000) NOT NULL,
    private_key      VARCHAR(8000) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- published in the JWKS from created_at; signs from signs_from (later, so caches learn it first)
    signs_from       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- set when a successor takes over; published until every token it signed has expired
    signs_until      TIMESTAMP WITH TIME ZONE,
    published_until  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_signing_keys_domain ON signing_keys (domain_id, signs_from);

CREATE TABLE refresh_families (
    family_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
    domain_id        VARCHAR(64)   NOT NULL REFERENCES domains (domain_id) ON DELETE CASCADE,
    app_id           VARCHAR(64)   NOT NULL,
    user_id          VARCHAR(64)   NOT NULL,
    scope            VARCHAR(2000),
    auth_time        TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at       TIMESTAMP WITH TIME ZONE,
    revoked_reason   VARCHAR(64)
);
CREATE INDEX ix_refresh_families_user ON refresh_families (domain_id, user_id);

CREATE TABLE refresh_tokens (
    token_hash       VARCHAR(64)   NOT NULL PRIMARY KEY,
    family_id        VARCHAR(64)   NOT NULL REFERENCES refresh_families (family_id) ON DELETE CASCADE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    idle_expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE authorization_codes (
    code_hash        VARCHAR(64)   NOT NULL PRIMARY KEY,
    domain_id        VARCHAR(64)   NOT NULL REFERENCES domains (domain_id) ON DELETE CASCADE,
    app_id           VARCHAR(64)   NOT NULL,
    user_id          VARCHAR(64)   NOT NULL,
    redirect_uri     VARCHAR(2048) NOT NULL,
    scope            VARCHAR(2000),
    code_challenge   VARCHAR(128),
    nonce            VARCHAR(512),
    auth_time        TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    redeemed_at      TIMESTAMP WITH TIME ZONE,
    -- the refresh family the redemption started: a second redemption revokes it
    family_id        VARCHAR(64)
);

-- Access tokens revoked before they expire (RFC 7009), by jti, kept until they would have expired.
CREATE TABLE revoked_access_tokens (
    jti              VARCHAR(64)   NOT NULL PRIMARY KEY,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Which JWS algorithm signs the domain's tokens: RS256 (default) or ES256.
ALTER TABLE domains ADD COLUMN token_algorithm VARCHAR(16) DEFAULT 'RS256' NOT NULL;
