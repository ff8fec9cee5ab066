"""articles + ingest_errors: the seeds folder, read into the warehouse."""


import dagster as dg
from dagster_duckdb import DuckDBResource

from warehouse.load import preview_markdown, sync_articles

from ..checks import docs_root
from ..progress import Progress
from ..resources import WAREHOUSE_POOL, SeedsFolder


class ArticlesConfig(dg.Config):
    rehash: bool = False  # read and hash every file, even those whose size and mtime are unchanged


def _errors_markdown(errors) -> str:
    if not errors:
        return "_no ingest errors_"
    lines = ["| path | kind | loaded | message |", "| --- | --- | --- | --- |"]
    lines += [f"| {e.path} | {e.kind} | {'yes' if e.article_loaded else 'no'} | {e.message.replace('|', '/')} |"
              for e in errors[:50]]
    return "\n".join(lines)


@dg.multi_asset(
    specs=[
        dg.AssetSpec("articles", group_name="ingest", kinds={"duckdb"},
                     description="One row per article file read from the seeds folder (front matter + body)."),
        dg.AssetSpec("ingest_errors", group_name="ingest", kinds={"duckdb"},
                     description="Files in the seeds folder that could not be read as articles, with the reason."),
    ],
    pool=WAREHOUSE_POOL,
)
def articles(context: dg.AssetExecutionContext, config: ArticlesConfig, duckdb: DuckDBResource, seeds: SeedsFolder):
    """Read new and changed files (by content hash); unchanged files are not parsed again."""
    from warehouse.validation import RowScreen  # imports GX lazily, when it first validates

    folder = seeds.folder()
    screen = RowScreen(docs_root(duckdb), "articles")
    with duckdb.get_connection() as con:
        report = sync_articles(con, folder, progress=Progress(context.log, "reading articles", "file"),
                               rehash=config.rehash, screen=screen)
        screen.publish()
        preview = preview_markdown(
            con, "SELECT path, title, source, author, published_date FROM articles ORDER BY published_date DESC, path"
        )
        total = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    context.log.info(
        f"{report.files:,} files in {folder}: {len(report.new):,} new, {len(report.changed):,} changed, "
        f"{report.unchanged:,} unchanged, {len(report.removed):,} removed, {len(report.errors):,} ingest errors; "
        f"{report.hashed:,} files read and hashed (the others have the size and mtime of their last hash)"
    )
    for error in report.errors:
        status = "loaded with a warning" if error.article_loaded else "not loaded"
        context.log.warning(f"{error.path} ({status}): {error.kind}: {error.message}")
    yield dg.MaterializeResult(
        asset_key="articles",
        metadata={
            "dagster/row_count": total,
            "seeds_folder": str(folder),
            "files": report.files,
            "new": len(report.new),
            "changed": len(report.changed),
            "unchanged": report.unchanged,
            "files_hashed": report.hashed,
            "removed": len(report.removed),
            "preview": dg.MetadataValue.md(preview),
        },
    )
    yield dg.MaterializeResult(
        asset_key="ingest_errors",
        metadata={"dagster/row_count": len(report.errors), "errors": dg.MetadataValue.md(_errors_markdown(report.errors))},
    )
