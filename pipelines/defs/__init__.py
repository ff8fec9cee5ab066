"""The Dagster shell around the pure extraction core (pipelines.extraction) and the warehouse
loader (warehouse.load): assets, resources, the refresh job and its schedule."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from .automation import daily_refresh, refresh_warehouse, seeds_folder_sensor
from .checks import expectation_checks
from .facts.assets import facts
from .ingest.assets import articles
from .marts.assets import fx_rates
from .reports.charts import charts
from .reports.parquet import parquet_export
from .resources import default_resources
from .tables.assets import warehouse_tables

all_assets = [articles, facts, warehouse_tables, fx_rates, charts, parquet_export]
# what `materialize` needs to run everything a job run does: the assets and their checks
everything = [*all_assets, *expectation_checks]


def build_definitions(seeds: Path | None = None, warehouse: Path | None = None) -> dg.Definitions:
    """Definitions for a seeds folder and a warehouse file (defaults: SEEDS_DIR / WAREHOUSE_PATH)."""
    return dg.Definitions(
        assets=all_assets,
        asset_checks=expectation_checks,
        jobs=[refresh_warehouse],
        schedules=[daily_refresh],
        sensors=[seeds_folder_sensor],
        resources=default_resources(seeds, warehouse),
        executor=dg.in_process_executor,
    )
