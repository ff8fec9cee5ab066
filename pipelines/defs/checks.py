"""Great Expectations suites (expectations/*.json) as Dagster asset checks.

The checks on `articles` and `facts` are blocking: a failure stops the assets downstream of them
in the same run, so a bad load never reaches the family tables. A check validates the rows that
are new or changed since its last passing validation (see warehouse.validation.rows_to_validate).
New facts are validated by the `facts` asset itself, batch by batch before they are inserted (the
row screen), so its check has nothing left to validate after an ordinary load.
"""

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from warehouse.validation import (
    CHECK_QUERIES,
    ID_COLUMNS,
    mark_validated,
    merge_reports,
    publish_docs,
    rows_to_validate,
    table_fingerprint,
)

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
        docs_index = docs_root(duckdb) / "data_docs" / "index.html"
        id_column = ID_COLUMNS.get(table, "fact_id")
        reports, validated = [], []
        with duckdb.get_connection() as con:
            frames, table_rows, whole_table = rows_to_validate(con, table)
            for frame, _ in frames:
                from warehouse.validation import validate  # GX costs seconds to import: only here

                reports.append(validate(table, frame.drop(columns="_row_hash"), docs_root(duckdb), id_column=id_column))
                validated.append(frame[[id_column, "_row_hash"]])
                context.log.info(f"{table}: validated {sum(r.rows for r in reports):,} rows")
            if not reports:
                context.log.info(f"{table}: no new or changed rows among {table_rows:,} since the last passing validation")
                return dg.AssetCheckResult(passed=True, severity=dg.AssetCheckSeverity.ERROR, metadata={
                    "revalidated": False, "rows_validated": 0, "table_rows": table_rows,
                    "data_docs": dg.MetadataValue.path(str(docs_index)),
                })
            publish_docs(docs_root(duckdb), table, reports)  # once, however many frames
            report = merge_reports(reports)
            if report.success:
                import pandas as pd

                mark_validated(con, table, pd.concat(validated))
            con.execute("INSERT OR REPLACE INTO quality_checks VALUES (?, ?, ?, now()::TIMESTAMP)",
                        [table, table_fingerprint(con, table), report.success])
        worst = max(report.failures, key=lambda f: f.unexpected_count, default=None)
        scope = "the whole table" if whole_table else "new or changed rows"
        context.log.info(f"{table}: {report.evaluated} expectations on {report.rows:,} {scope} "
                         f"(of {table_rows:,}), {len(report.failures)} failed")
        return dg.AssetCheckResult(
            passed=report.success,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "revalidated": True,
                "rows_validated": report.rows,
                "table_rows": table_rows,
                "whole_table": whole_table,
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
