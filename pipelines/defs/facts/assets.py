"""facts: every quantitative fact extracted from the articles, long form."""


import dagster as dg
from dagster_duckdb import DuckDBResource

from warehouse.load import preview_markdown, sync_facts

from ..progress import Progress
from ..resources import WAREHOUSE_POOL


class FactsConfig(dg.Config):
    full_refresh: bool = False  # re-extract every article, not only new or changed ones


@dg.asset(
    deps=["articles"],
    group_name="facts",
    kinds={"duckdb", "python"},
    pool=WAREHOUSE_POOL,
    description="Every extracted fact (daily token usage, growth multiples, price points) with its quote.",
)
def facts(context: dg.AssetExecutionContext, config: FactsConfig, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        report = sync_facts(con, progress=Progress(context.log, "extracting facts"), full_refresh=config.full_refresh)
        preview = preview_markdown(
            con, "SELECT family, entity, value, unit, bound, as_of_date, quote FROM facts ORDER BY as_of_date DESC, entity"
        )
    context.log.info(
        f"extracted {report.articles_extracted:,} articles ({report.facts_written:,} facts), "
        f"retired {report.articles_retired:,}; {report.facts_total:,} facts in the warehouse"
    )
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": report.facts_total,
            "articles_extracted": report.articles_extracted,
            "articles_retired": report.articles_retired,
            "facts_written": report.facts_written,
            "facts_deleted": report.facts_deleted,
            **{f"facts_{family}": count for family, count in report.by_family.items()},
            "preview": dg.MetadataValue.md(preview),
        }
    )
