"""facts: every quantitative fact extracted from the articles, long form."""


import os

import dagster as dg
from dagster_duckdb import DuckDBResource

from warehouse.load import preview_markdown, sync_facts

from ..checks import docs_root
from ..progress import Progress
from ..resources import WAREHOUSE_POOL


class FactsConfig(dg.Config):
    full_refresh: bool = False  # re-extract every article, not only new or changed ones
    workers: int = 0  # extraction processes for big runs; 0 = one per CPU core


@dg.multi_asset(
    specs=[
        dg.AssetSpec("facts", deps=["articles"], group_name="facts", kinds={"duckdb", "python"},
                     description="Every extracted fact (daily token usage, growth multiples, price points) with its quote."),
        dg.AssetSpec("rejected_facts", deps=["articles"], group_name="facts", kinds={"duckdb"},
                     description="Facts that failed a row-level expectation (expectations/facts.json), with the reasons."),
    ],
    pool=WAREHOUSE_POOL,
)
def facts(context: dg.AssetExecutionContext, config: FactsConfig, duckdb: DuckDBResource):
    """Extract new and changed articles; rows failing a row-level expectation are quarantined."""
    from warehouse.validation import RowScreen  # imports GX lazily, when it first validates

    screen = RowScreen(docs_root(duckdb))
    with duckdb.get_connection() as con:
        report = sync_facts(con, progress=Progress(context.log, "extracting facts"),
                            full_refresh=config.full_refresh, screen=screen,
                            workers=config.workers or os.cpu_count() or 1)
        screen.publish()
        preview = preview_markdown(
            con, "SELECT family, entity, value, unit, bound, as_of_date, quote FROM facts ORDER BY as_of_date DESC, entity"
        )
        rejected_preview = preview_markdown(
            con, "SELECT family, entity, value, failed_expectations, reason, quote FROM rejected_facts ORDER BY fact_id"
        )
    context.log.info(
        f"extracted {report.articles_extracted:,} articles ({report.facts_written:,} facts), "
        f"retired {report.articles_retired:,}; {report.facts_total:,} facts in the warehouse"
    )
    for path, error in report.failures[:20]:
        context.log.error(f"the extractor failed on {path} ({error}); its facts are missing, the other articles "
                          "are loaded. Report it with the file; it is read again when the extractor changes")
    if len(report.failures) > 20:
        context.log.error(f"… and {len(report.failures) - 20:,} more: SELECT * FROM article_extractions WHERE error IS NOT NULL")
    if report.facts_rejected:
        context.log.warning(f"{report.facts_rejected:,} facts failed row-level expectations: see rejected_facts")
    yield dg.MaterializeResult(
        asset_key="facts",
        metadata={
            "dagster/row_count": report.facts_total,
            "articles_extracted": report.articles_extracted,
            "articles_retired": report.articles_retired,
            "facts_written": report.facts_written,
            "facts_deleted": report.facts_deleted,
            **{f"facts_{family}": count for family, count in report.by_family.items()},
            "facts_rejected": report.facts_rejected,
            "facts_validated_at_load": report.facts_screened,
            "articles_failed": len(report.failures),
            "preview": dg.MetadataValue.md(preview),
        },
    )
    yield dg.MaterializeResult(
        asset_key="rejected_facts",
        metadata={"dagster/row_count": report.rejected_total, "preview": dg.MetadataValue.md(rejected_preview)},
    )
