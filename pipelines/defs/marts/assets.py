"""fx_rates and the time-series views of sql/views/ (staging views, then marts)."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from warehouse.db import SQL_DIR
from warehouse.load import create_views, load_fx_rates, preview_markdown

from ..resources import WAREHOUSE_POOL

FX_CSV = SQL_DIR / "reference" / "fx_monthly_cny_per_usd.csv"


@dg.asset(group_name="reference", kinds={"duckdb", "csv"}, pool=WAREHOUSE_POOL,
          description="Monthly CNY-per-USD rates from sql/reference/fx_monthly_cny_per_usd.csv.")
def fx_rates(duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        rows = load_fx_rates(con, FX_CSV)
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, "source": dg.MetadataValue.path(str(FX_CSV))})


@dg.asset(
    deps=["daily_token_usage", "growth_multiples", "price_points", "fx_rates"],
    group_name="marts", kinds={"duckdb", "sql"}, pool=WAREHOUSE_POOL,
    description="Views of sql/views/: token_usage_series, token_usage_daily, growth_implied_baselines, "
                "price_latest, price_history, price_points_cny, price_blended, source_conflicts.",
)
def time_series_views(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        views = create_views(con)
        # only the cheap views are counted here: the others are computed when someone queries them
        counts = {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
                  for name in ("token_usage_series", "price_latest", "price_blended")}
        preview = preview_markdown(con, "SELECT entity, period, tokens_per_day, bound, mentions FROM token_usage_series "
                                        "ORDER BY entity, period")
        conflicts = preview_markdown(con, "SELECT family, entity, period, value_a, value_b, difference_percent "
                                          "FROM source_conflicts ORDER BY difference_percent DESC", limit=5)
    context.log.info(f"{len(views)} views: " + ", ".join(f"{name} {count:,} rows" for name, count in counts.items()))
    return dg.MaterializeResult(metadata={
        **{f"rows_{name}": count for name, count in counts.items()},
        "token_usage_series": dg.MetadataValue.md(preview),
        "source_conflicts": dg.MetadataValue.md(conflicts),
    })
