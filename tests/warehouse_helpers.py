"""Building a warehouse with a real Dagster run and reading it back, for the tests."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb

from pipelines.defs import everything
from pipelines.defs.resources import default_resources


def build(seeds: Path, warehouse: Path, raise_on_error: bool = True, **facts_config) -> dg.ExecuteInProcessResult:
    """Materialize every asset and check of the pipeline on `seeds` into `warehouse`."""
    result = dg.materialize(
        everything,
        resources=default_resources(seeds, warehouse),
        instance=dg.DagsterInstance.ephemeral(),
        run_config={"ops": {"facts": {"config": facts_config}}} if facts_config else None,
        raise_on_error=raise_on_error,
    )
    if raise_on_error:
        assert result.success
    return result


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()
