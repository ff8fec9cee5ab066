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
        counts = export_parquet(con, folder)
    partitions = {table: len(list((folder / table).glob("month=*"))) for table in counts}
    context.log.info(f"exported {sum(counts.values()):,} rows to {folder}")
    return dg.MaterializeResult(metadata={
        "folder": dg.MetadataValue.path(str(folder)),
        **{f"rows_{table}": count for table, count in counts.items()},
        **{f"months_{table}": count for table, count in partitions.items()},
    })
