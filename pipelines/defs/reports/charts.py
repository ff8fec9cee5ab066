"""charts: PNG charts of token usage and prices, shown in the Dagster UI and written to disk."""

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from warehouse.charts import markdown_image, write_charts

from ..resources import WAREHOUSE_POOL


@dg.asset(
    deps=["marts"],
    group_name="reports",
    kinds={"python"},
    pool=WAREHOUSE_POOL,
    description="Daily token usage per entity (log scale) and price points over time, as PNG files "
                "in the charts/ folder next to the warehouse file.",
)
def charts(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    folder = Path(duckdb.database).resolve().parent / "charts"
    with duckdb.get_connection() as con:
        written = write_charts(con, folder)
    context.log.info(f"wrote {len(written)} charts to {folder}")
    metadata = {"folder": dg.MetadataValue.path(str(folder)), "charts": len(written)}
    for name, path in written.items():
        metadata[f"{name}_chart"] = dg.MetadataValue.md(markdown_image(path, name))
        metadata[f"{name}_png"] = dg.MetadataValue.path(str(path))
    return dg.MaterializeResult(metadata=metadata)
