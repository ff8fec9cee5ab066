"""Resources: where the articles are and where the warehouse is (SEEDS_DIR / WAREHOUSE_PATH)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from warehouse.db import CONNECTION_CONFIG, seeds_dir, warehouse_path

# DuckDB allows one writer process: every asset that writes the warehouse joins this pool,
# whose limit is 1 in the instance's dagster.yaml.
WAREHOUSE_POOL = "duckdb_warehouse"


class SeedsFolder(dg.ConfigurableResource):
    """The folder of article files (Markdown with YAML front matter)."""

    path: str

    def folder(self) -> Path:
        return Path(self.path)


def default_resources(seeds: Path | None = None, warehouse: Path | None = None) -> dict:
    warehouse = Path(warehouse) if warehouse else warehouse_path()
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    return {
        "duckdb": DuckDBResource(database=str(warehouse), connection_config=dict(CONNECTION_CONFIG)),
        "seeds": SeedsFolder(path=str(Path(seeds) if seeds else seeds_dir())),
    }
