"""The tables analysts query: the family tables (daily_token_usage, growth_multiples,
price_points) and the marts over them (sql/marts/).

One multi-asset, one transaction: each family table follows `facts` through its SQL file in
sql/load/ (only the rows that changed are written), then the marts are rebuilt from them, so the
marts never disagree with the tables under them.
"""

from datetime import timedelta

import dagster as dg
from dagster_duckdb import DuckDBResource

from warehouse.load import preview_markdown, sync_tables

from ..resources import WAREHOUSE_POOL

_DESCRIPTIONS = {
    "daily_token_usage": "Tokens per day by entity and as-of date (sql/load/daily_token_usage.sql).",
    "growth_multiples": "Growth multiples of usage with subject, segment and baseline (sql/load/growth_multiples.sql).",
    "price_points": "Prices per million tokens by model, direction and condition (sql/load/price_points.sql).",
}
_PREVIEW = {
    "daily_token_usage": "SELECT entity, tokens_per_day, bound, as_of_date, as_of_precision, quote FROM daily_token_usage ORDER BY as_of_date DESC",
    "growth_multiples": "SELECT entity, subject, segment, multiple, bound, baseline_date, as_of_date, quote FROM growth_multiples ORDER BY as_of_date DESC",
    "price_points": "SELECT entity, price_per_million_tokens, currency, direction, condition, as_of_date, quote FROM price_points ORDER BY as_of_date DESC",
}
# the daily schedule refreshes them; the UI flags a table once it is more than a day old
_FRESHNESS = dg.FreshnessPolicy.time_window(fail_window=timedelta(hours=48), warn_window=timedelta(hours=26))

_SPECS = [
    *(dg.AssetSpec(table, deps=["facts"], group_name="tables", kinds={"duckdb", "sql"},
                   description=description, freshness_policy=_FRESHNESS)
      for table, description in _DESCRIPTIONS.items()),
    dg.AssetSpec("marts", deps=[*_DESCRIPTIONS, "fx_rates"], group_name="marts", kinds={"duckdb", "sql"},
                 description="sql/marts/: staging views, the marts materialized as tables (token_usage_series, "
                             "growth_implied_baselines, price_latest, price_history, source_conflicts) and the "
                             "views over them (token_usage_daily, price_points_cny, price_blended)."),
]


@dg.multi_asset(specs=_SPECS, pool=WAREHOUSE_POOL)
def warehouse_tables(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    with duckdb.get_connection() as con:
        sync = sync_tables(con)
        previews = {table: preview_markdown(con, sql) for table, sql in _PREVIEW.items()}
        usage = preview_markdown(con, "SELECT entity, period, tokens_per_day, bound, mentions FROM token_usage_series "
                                      "ORDER BY entity, period")
        conflicts = preview_markdown(con, "SELECT family, entity, period, value_a, value_b, difference_percent "
                                          "FROM source_conflicts ORDER BY difference_percent DESC", limit=5)
    for table, family in sync.families.items():
        context.log.info(f"{table}: {family.rows:,} rows ({family.inserted:,} inserted, {family.deleted:,} deleted)")
        yield dg.MaterializeResult(asset_key=table, metadata={
            "dagster/row_count": family.rows, "inserted": family.inserted, "deleted": family.deleted,
            "preview": dg.MetadataValue.md(previews[table]),
        })
    context.log.info(("marts rebuilt: " if sync.marts_rebuilt else "marts unchanged (their inputs did not change): ")
                     + ", ".join(f"{name} {rows:,} rows" for name, rows in sync.mart_rows.items()))
    yield dg.MaterializeResult(asset_key="marts", metadata={
        "rebuilt": sync.marts_rebuilt,
        **{f"rows_{name}": rows for name, rows in sync.mart_rows.items()},
        "objects": ", ".join(sync.objects),
        "token_usage_series": dg.MetadataValue.md(usage),
        "source_conflicts": dg.MetadataValue.md(conflicts),
    })
