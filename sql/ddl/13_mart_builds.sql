-- When the marts of sql/marts/ were last rebuilt, and from what: a fingerprint of their inputs
-- besides the family tables (articles, FX rates, the mart SQL). One row.
CREATE TABLE IF NOT EXISTS mart_builds (
    fingerprint   VARCHAR NOT NULL,
    built_at      TIMESTAMP NOT NULL
);
