-- The upstream PDS-compatible service a domain's token service calls for its users' upstream tokens: base URL,
-- upstream domain, and a JWT app (private key) or an AccessKey pair. The settings are JSON whose secrets (the private
-- key, the AccessKey secret) are sealed with the master key, like user-system settings.
CREATE TABLE domain_upstreams (
    domain_id    VARCHAR(64)    NOT NULL PRIMARY KEY REFERENCES domains (domain_id) ON DELETE CASCADE,
    settings     VARCHAR(16000) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
