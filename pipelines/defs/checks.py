"""Great Expectations suites (expectations/*.json) as Dagster asset checks.

The checks on `articles` and `facts` are blocking: a failure stops the assets downstream of them
in the same run, so a bad load never reaches the family tables.
"""

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from warehouse.validation import CHECK_QUERIES, ID_COLUMNS, table_fingerprint

from .resources import WAREHOUSE_POOL

BLOCKING = {"articles", "facts"}


def docs_root(duckdb: DuckDBResource) -> Path:
    """Data Docs live next to the warehouse file: <warehouse dir>/data_docs/index.html."""
    return Path(duckdb.database).resolve().parent


def expectations_check(table: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=table,
        name=f"{table}_expectations",
        blocking=table in BLOCKING,
        pool=WAREHOUSE_POOL,
        description=f"Great Expectations suite expectations/{table}.json on the `{table}` table.",
    )
    def _check(context: dg.AssetCheckExecutionContext, duckdb: DuckDBResource) -> dg.AssetCheckResult:
        with duckdb.get_connection() as con:
            fingerprint = table_fingerprint(con, table)
            last = con.execute("SELECT fingerprint, passed, checked_at FROM quality_checks WHERE table_name = ?",
                               [table]).fetchall()
            if last and last[0][0] == fingerprint and last[0][1]:
                context.log.info(f"{table}: unchanged since the validation of {last[0][2]}, which passed")
                return dg.AssetCheckResult(passed=True, severity=dg.AssetCheckSeverity.ERROR, metadata={
                    "revalidated": False,
                    "unchanged_since": str(last[0][2]),
                    "data_docs": dg.MetadataValue.path(str(docs_root(duckdb) / "data_docs" / "index.html")),
                })
            frame = con.sql(CHECK_QUERIES[table]).df()
        from warehouse.validation import validate  # GX costs ~10 s to import: only here

        report = validate(table, frame, docs_root(duckdb), id_column=ID_COLUMNS.get(table, "fact_id"))
        with duckdb.get_connection() as con:
            con.execute("INSERT OR REPLACE INTO quality_checks VALUES (?, ?, ?, now()::TIMESTAMP)",
                        [table, fingerprint, report.success])
        worst = max(report.failures, key=lambda f: f.unexpected_count, default=None)
        context.log.info(f"{table}: {report.evaluated} expectations, {len(report.failures)} failed, {report.rows:,} rows")
        return dg.AssetCheckResult(
            passed=report.success,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "revalidated": True,
                "rows": report.rows,
                "expectations": report.evaluated,
                "failed_expectations": len(report.failures),
                "unexpected_count": sum(f.unexpected_count for f in report.failures),
                "worst_expectation": worst.expectation if worst else "none",
                "results": dg.MetadataValue.md(report.markdown()),
                "data_docs": dg.MetadataValue.path(str(report.docs_index)),
                "data_docs_url": dg.MetadataValue.url(report.docs_index.as_uri()),
            },
        )

    return _check


expectation_checks = [expectations_check(table) for table in CHECK_QUERIES]
