-- Personal accounts for operators, integrators, auditors and admins (passwords hashed with BCrypt).
CREATE TABLE app_user (
    username       VARCHAR(80)  PRIMARY KEY,
    password_hash  VARCHAR(200) NOT NULL,
    roles          VARCHAR(200) NOT NULL,
    enabled        BOOLEAN      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Audit log of operator actions and personal-data access, hash-chained: each row's hash covers the
-- previous row's hash, so altering or deleting a row breaks verification from that row on.
CREATE TABLE audit_log (
    id             BIGINT       PRIMARY KEY,
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    actor          VARCHAR(120) NOT NULL,
    action         VARCHAR(80)  NOT NULL,
    subject_type   VARCHAR(40),
    subject_id     VARCHAR(120),
    data_subject   VARCHAR(64),
    details        VARCHAR(4000),
    before_value   TEXT,
    after_value    TEXT,
    prev_hash      VARCHAR(64)  NOT NULL,
    hash           VARCHAR(64)  NOT NULL
);
CREATE INDEX ix_audit_subject ON audit_log (data_subject);
CREATE INDEX ix_audit_actor ON audit_log (actor, at);

-- The chain's head: appends lock this row so the chain stays linear under concurrency.
CREATE TABLE audit_chain_head (
    id         INTEGER      PRIMARY KEY,
    last_id    BIGINT       NOT NULL,
    last_hash  VARCHAR(64)  NOT NULL
);
INSERT INTO audit_chain_head (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
