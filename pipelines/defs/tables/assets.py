"""The family tables analysts query: daily_token_usage, growth_multiples, price_points.

Each follows `facts` through its SQL file in sql/load/: one transaction per table applies the
rows that changed.
"""


from datetime import timedelta

import dagster as dg
from dagster_duckdb import DuckDBResource

from warehouse.load import preview_markdown, sync_family_table

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


def family_table_asset(table: str) -> dg.AssetsDefinition:
    @dg.asset(name=table, deps=["facts"], group_name="tables", kinds={"duckdb", "sql"}, pool=WAREHOUSE_POOL,
              description=_DESCRIPTIONS[table],
              # the daily schedule refreshes it; the UI flags it once it is more than a day old
              freshness_policy=dg.FreshnessPolicy.time_window(fail_window=timedelta(hours=48),
                                                              warn_window=timedelta(hours=26)))
    def _table(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
        with duckdb.get_connection() as con:
            sync = sync_family_table(con, table)
            preview = preview_markdown(con, _PREVIEW[table])
        context.log.info(f"{table}: {sync.rows:,} rows ({sync.inserted:,} inserted, {sync.deleted:,} deleted)")
        return dg.MaterializeResult(metadata={
            "dagster/row_count": sync.rows, "inserted": sync.inserted, "deleted": sync.deleted,
            "preview": dg.MetadataValue.md(preview),
        })

    return _table


family_tables = [family_table_asset(t) for t in _DESCRIPTIONS]
