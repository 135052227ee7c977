-- AccessKey pairs for server-to-server calls (PDS's "acs" signature). The secret must be read back to verify
-- signatures, so it is stored encrypted with the master key, never hashed.
CREATE TABLE access_keys (
    access_key_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    domain_id         VARCHAR(64)   NOT NULL REFERENCES domains (domain_id) ON DELETE CASCADE,
    secret_encrypted  VARCHAR(1024) NOT NULL,
    role              VARCHAR(16)   NOT NULL,
    description       VARCHAR(500),
    status            VARCHAR(16)   NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_access_keys_domain ON access_keys (domain_id);
