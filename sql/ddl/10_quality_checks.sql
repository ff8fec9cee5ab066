-- The last validation of each table by its GX suite (what it validated and whether it passed).
-- Which rows are already validated is kept in validated_rows.
CREATE TABLE IF NOT EXISTS quality_checks (
    table_name    VARCHAR PRIMARY KEY,
    fingerprint   VARCHAR NOT NULL,   -- row count and content hash of the table, plus the suite's hash
    passed        BOOLEAN NOT NULL,
    checked_at    TIMESTAMP NOT NULL
);
