-- The last validation of each table by its GX suite: a check whose table and suite are unchanged
-- since a passing validation is not run again (GX costs ~10 s to import).
CREATE TABLE IF NOT EXISTS quality_checks (
    table_name    VARCHAR PRIMARY KEY,
    fingerprint   VARCHAR NOT NULL,   -- row count and content hash of the table, plus the suite's hash
    passed        BOOLEAN NOT NULL,
    checked_at    TIMESTAMP NOT NULL
);
