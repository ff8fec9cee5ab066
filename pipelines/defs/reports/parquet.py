"""parquet_export: the fact tables as month-partitioned Parquet next to the warehouse file."""

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from warehouse.load import export_parquet

from ..resources import WAREHOUSE_POOL


@dg.asset(
    deps=["facts", "daily_token_usage", "growth_multiples", "price_points"],
    group_name="reports",
    kinds={"parquet"},
    pool=WAREHOUSE_POOL,
    description="facts and the family tables as Parquet partitioned by as-of month "
                "(parquet/<table>/month=YYYY-MM/ next to the warehouse file), for other engines.",
)
def parquet_export(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    folder = Path(duckdb.database).resolve().parent / "parquet"
    with duckdb.get_connection() as con:
        report = export_parquet(con, folder)
    written = sum(r["months_written"] for r in report.values())
    context.log.info(f"{sum(r['rows'] for r in report.values()):,} rows in {folder}: "
                     f"{written:,} month partitions written, the others unchanged")
    return dg.MaterializeResult(metadata={
        "folder": dg.MetadataValue.path(str(folder)),
        "months_written": written,
        **{f"rows_{table}": r["rows"] for table, r in report.items()},
        **{f"months_{table}": r["months"] for table, r in report.items()},
    })
