-- Lanyard core model: domains (tenants), their user systems, users and their login identities, apps (OAuth clients),
-- and the failed-login counters. Written once for H2 (in PostgreSQL mode) and PostgreSQL.

-- One sequence for every surrogate key.
CREATE SEQUENCE lanyard_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE domains (
    domain_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Which user systems (password, mobile, dingtalk, ram, ...) a domain enables, with their settings as JSON.
CREATE TABLE domain_user_systems (
    id           BIGINT       NOT NULL PRIMARY KEY,
    domain_id    VARCHAR(64)  NOT NULL REFERENCES domains (domain_id) ON DELETE CASCADE,
    user_system  VARCHAR(32)  NOT NULL,
    enabled      BOOLEAN      NOT NULL,
    settings     VARCHAR(16000),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_domain_user_systems UNIQUE (domain_id, user_system)
);

CREATE TABLE users (
    id             BIGINT       NOT NULL PRIMARY KEY,
    domain_id      VARCHAR(64)  NOT NULL REFERENCES domains (domain_id) ON DELETE CASCADE,
    user_id        VARCHAR(64)  NOT NULL,
    nick_name      VARCHAR(200),
    avatar         VARCHAR(2048),
    email          VARCHAR(320),
    phone          VARCHAR(32),
    role           VARCHAR(16)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_users_domain_user_id UNIQUE (domain_id, user_id)
);
CREATE INDEX ix_users_domain_created ON users (domain_id, created_at);

-- A login identity of one user system, linked to a user: (password, admin), (mobile, +8613800000000), ...
-- secret_hash holds the slow salted hash for password identities and is NULL for the others.
CREATE TABLE identities (
    id              BIGINT       NOT NULL PRIMARY KEY,
    domain_id       VARCHAR(64)  NOT NULL REFERENCES domains (domain_id) ON DELETE CASCADE,
    user_ref        BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    identity_type   VARCHAR(32)  NOT NULL,
    identity_value  VARCHAR(320) NOT NULL,
    extra           VARCHAR(4000),
    secret_hash     VARCHAR(512),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_identities UNIQUE (domain_id, identity_type, identity_value)
);
CREATE INDEX ix_identities_user ON identities (user_ref);

CREATE TABLE apps (
    id                      BIGINT       NOT NULL PRIMARY KEY,
    domain_id               VARCHAR(64)  NOT NULL REFERENCES domains (domain_id) ON DELETE CASCADE,
    app_id                  VARCHAR(64)  NOT NULL,
    name                    VARCHAR(200) NOT NULL,
    description             VARCHAR(1000),
    app_type                VARCHAR(16)  NOT NULL,
    status                  VARCHAR(16)  NOT NULL,
    built_in                BOOLEAN      NOT NULL,
    first_party             BOOLEAN      NOT NULL,
    secret_hash             VARCHAR(512),
    redirect_uris           VARCHAR(8000),
    scopes                  VARCHAR(2000),
    user_systems            VARCHAR(500),
    access_token_seconds    INTEGER      NOT NULL,
    refresh_token_seconds   INTEGER      NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_apps_domain_app_id UNIQUE (domain_id, app_id),
    CONSTRAINT uq_apps_domain_name UNIQUE (domain_id, name)
);

-- Public keys of JWT apps (PEM), one row per kid.
CREATE TABLE app_public_keys (
    id          BIGINT       NOT NULL PRIMARY KEY,
    app_ref     BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    kid         VARCHAR(128) NOT NULL,
    pem         VARCHAR(8000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_app_public_keys UNIQUE (app_ref, kid)
);

-- Failed logins per (domain, account name), known or not, so that a lockout holds across restarts and nodes.
CREATE TABLE login_failures (
    domain_id         VARCHAR(64)  NOT NULL,
    account_key       VARCHAR(320) NOT NULL,
    failures          INTEGER      NOT NULL,
    window_started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (domain_id, account_key)
);
