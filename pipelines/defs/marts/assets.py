"""fx_rates: the reference table the price marts convert currencies with. The marts themselves
are built with the family tables, in their transaction (pipelines/defs/tables/assets.py)."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from warehouse.db import SQL_DIR
from warehouse.load import load_fx_rates

from ..resources import WAREHOUSE_POOL

FX_CSV = SQL_DIR / "reference" / "fx_monthly_cny_per_usd.csv"


@dg.asset(group_name="reference", kinds={"duckdb", "csv"}, pool=WAREHOUSE_POOL,
          description="Monthly CNY-per-USD rates from sql/reference/fx_monthly_cny_per_usd.csv.")
def fx_rates(duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        rows = load_fx_rates(con, FX_CSV)
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, "source": dg.MetadataValue.path(str(FX_CSV))})
