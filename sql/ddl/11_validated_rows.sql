-- Rows that passed their table's GX suite, by content: a check validates only the rows that are
-- new or changed since (plus the rows they could collide with on a unique column), so the cost
-- of a refresh follows what it loaded, not the size of the warehouse.
CREATE TABLE IF NOT EXISTS validated_rows (
    table_name    VARCHAR NOT NULL,
    row_id        VARCHAR NOT NULL,
    row_hash      UBIGINT NOT NULL,   -- DuckDB hash() of the row the check reads
    suite_sha256  VARCHAR NOT NULL,   -- a changed suite revalidates every row
    PRIMARY KEY (table_name, row_id)
);
