-- G2G exchange (issue 7): agencies, their systems (clients) and credentials. Deny by default: an
-- agency sees only what its scopes and region prefixes allow. Portable SQL (PostgreSQL, H2).

-- A technical agency (dinas teknis) or other government member of the exchange.
CREATE TABLE g2g_agency (
    id                   VARCHAR(60)   PRIMARY KEY,
    name                 VARCHAR(200)  NOT NULL,
    -- space-separated, e.g. "permits:read businesses:read"
    scopes               VARCHAR(400)  NOT NULL,
    -- space-separated kd_daerah prefixes, e.g. "1607" (regency) or "1607112003" (village)
    region_prefixes      VARCHAR(400)  NOT NULL,
    -- requests per period; NULL = the hub's default (simpul.g2g.rate-limit)
    rate_limit           INTEGER,
    rate_period_seconds  INTEGER,
    enabled              BOOLEAN       NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One system of an agency. It authenticates with an API key (only its SHA-256 is stored) or with a
-- TLS client certificate (its subject DN, RFC 2253). Its scopes may narrow the agency's.
CREATE TABLE g2g_client (
    id              VARCHAR(120)  PRIMARY KEY,
    agency_id       VARCHAR(60)   NOT NULL REFERENCES g2g_agency (id),
    system_name     VARCHAR(200)  NOT NULL,
    key_hash        VARCHAR(64),
    key_hint        VARCHAR(20),
    cert_subject    VARCHAR(500),
    scopes          VARCHAR(400),
    enabled         BOOLEAN       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_g2g_client_key UNIQUE (key_hash),
    CONSTRAINT uq_g2g_client_cert UNIQUE (cert_subject)
);
CREATE INDEX ix_g2g_client_agency ON g2g_client (agency_id);
