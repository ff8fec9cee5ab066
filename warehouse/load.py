"""Loading the warehouse: articles from a folder, facts from articles, family tables from facts.

Each function is one transaction and is idempotent: running it again on unchanged input leaves
every table as it was. Work is incremental by content: only new or changed files are parsed and
only articles whose content (or the extractor) changed are re-extracted.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

import duckdb
import polars as pl

from pipelines.extraction.articles import Article, IngestError, discover, parse_article
from pipelines.extraction.facts import EXTRACTOR_VERSION, Fact, extract_facts

from .db import FAMILY_TABLES, SQL_DIR, ensure_schema, read_sql, transaction

Progress = Callable[[int, int], None]


class RowScreen(Protocol):
    """Row-level validation of a batch of new facts (with the article's published_date) before it
    is inserted; see warehouse.validation.RowScreen."""

    def __call__(self, frame: pl.DataFrame) -> dict[str, list[tuple[str, str]]]:
        """fact_id → [(failed expectation, why it matters)] for the rows to quarantine."""

    def record_passed(self, con: duckdb.DuckDBPyConnection, inserted: str) -> int:
        """Record the kept rows, now inserted from relation `inserted`, as validated; how many."""


ARTICLE_COLUMNS = ("article_id", "path", "title", "source", "author", "url", "published_date",
                   "content_sha256", "encoding", "body", "loaded_at")
FACT_COLUMNS = ("fact_id", "article_id", "family", "entity", "metric", "value", "unit", "value_low",
                "value_high", "bound", "as_of_date", "as_of_precision", "subject", "segment",
                "baseline_date", "baseline_precision", "currency", "direction", "condition", "quote",
                "char_start", "char_end", "number_start", "number_end", "extractor_version", "extracted_at")


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


@dataclass
class ArticleSync:
    files: int = 0
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    hashed: int = 0  # files read and hashed this run (the others had an unchanged size and mtime)
    removed: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


@dataclass
class FactSync:
    articles_extracted: int = 0
    articles_retired: int = 0
    facts_written: int = 0
    facts_deleted: int = 0
    facts_total: int = 0
    facts_rejected: int = 0
    facts_screened: int = 0  # of facts_written, validated by the row screen (the facts check skips them)
    rejected_total: int = 0
    by_family: dict[str, int] = field(default_factory=dict)
    # (path, error) of the articles the extractor failed on this run: they have no facts until
    # the extractor changes (article_extractions.error keeps the reason)
    failures: list[tuple[str, str]] = field(default_factory=list)


BATCH_ARTICLES = 1000  # articles parsed, extracted and inserted at a time: memory stays bounded


def _read(folder: Path, relative: str) -> tuple[bytes | None, IngestError | None]:
    try:
        with open(os.path.join(folder, relative), "rb") as file:
            return file.read(), None
    except OSError as exc:
        return None, IngestError(relative, "unreadable", f"cannot read the file: {exc.strerror}")


def sync_articles(con: duckdb.DuckDBPyConnection, folder: Path, progress: Progress | None = None,
                  rehash: bool = False, screen: RowScreen | None = None) -> ArticleSync:
    """Bring `articles` and `ingest_errors` in line with the files in `folder`.

    Two passes so that memory does not grow with the folder: the first hashes every file whose
    size or mtime changed since it was last hashed (`rehash` hashes them all; only hashes are
    kept), the second parses the new and changed files in batches inside the load's transaction.
    `screen` validates each batch with the articles suite before it is inserted: an article failing
    a row-level expectation is left out and recorded in `ingest_errors` with the reason, so one bad
    file never blocks the others. Articles read with a fallback (no front matter, a url that is not
    a web address) load, and their warnings are recorded there too."""
    ensure_schema(con)
    if not folder.is_dir():
        raise FileNotFoundError(f"seeds folder {folder} does not exist; set SEEDS_DIR to a folder of articles")
    known = dict(con.execute("SELECT path, content_sha256 FROM articles").fetchall())
    report = ArticleSync()
    paths = discover(folder)
    report.files = len(paths)
    errors: list[IngestError] = []
    hashes: dict[str, str] = {}
    stats = {} if rehash else {p: (size, mtime, sha) for p, size, mtime, sha in
                               con.execute("SELECT path, size_bytes, mtime_ns, content_sha256 FROM article_files").fetchall()}
    hashed: list[tuple[str, int, int, str]] = []
    for relative in paths:
        try:
            stat = os.stat(os.path.join(folder, relative))
        except OSError as exc:
            errors.append(IngestError(relative, "unreadable", f"cannot read the file: {exc.strerror}"))
            continue
        known_stat = stats.get(relative)
        if known_stat and known_stat[:2] == (stat.st_size, stat.st_mtime_ns):
            hashes[relative] = known_stat[2]
            continue
        raw, error = _read(folder, relative)
        if error:
            errors.append(error)
        else:
            hashes[relative] = hashlib.sha256(raw).hexdigest()
            hashed.append((relative, stat.st_size, stat.st_mtime_ns, hashes[relative]))
    report.hashed = len(hashed)

    # Byte-identical copies under other names load once: the copy already loaded wins, else the
    # first path in sorted order; the others are recorded as duplicates.
    first_by_sha: dict[str, str] = {}
    for relative in sorted(hashes, key=lambda p: (known.get(p) != hashes[p], p)):
        sha = hashes[relative]
        if sha in first_by_sha:
            errors.append(IngestError(relative, "duplicate",
                                      f"same bytes as {first_by_sha[sha]}; loaded once under that path", sha))
        else:
            first_by_sha[sha] = relative
    duplicates = {e.path for e in errors if e.kind == "duplicate"}
    to_parse = sorted(p for p in hashes if p not in duplicates and known.get(p) != hashes[p])
    report.unchanged = sum(1 for p in hashes if p not in duplicates and known.get(p) == hashes[p])

    loaded_at = _now()
    parsed_paths: list[str] = []
    with transaction(con, "articles"):
        # every known path that is not unchanged now: removed, changed, broken or a duplicate
        stale = [p for p in known if not (p in hashes and p not in duplicates and known[p] == hashes[p])]
        if stale:
            con.execute("DELETE FROM articles WHERE path IN (SELECT unnest(?::VARCHAR[]))", [stale])
        for start in range(0, len(to_parse), BATCH_ARTICLES):
            batch = []
            for relative in to_parse[start : start + BATCH_ARTICLES]:
                raw, error = _read(folder, relative)
                result = error or parse_article(raw, relative)
                if isinstance(result, IngestError):
                    errors.append(result)
                else:
                    batch.append(result)
                    parsed_paths.append(relative)
            rows = [{**{c: getattr(a, c) for c in ARTICLE_COLUMNS if c != "loaded_at"}, "loaded_at": loaded_at}
                    for a in batch]
            new_articles = pl.DataFrame(rows, schema=_article_schema())
            quarantined = _screen_articles(new_articles, screen)
            for article in batch:
                if article.article_id in quarantined:
                    errors.append(IngestError(article.path, "failed_expectation", quarantined[article.article_id],
                                              article.content_sha256))
                    parsed_paths.remove(article.path)
                elif article.warnings:
                    errors.append(IngestError(article.path, ",".join(kind for kind, _ in article.warnings),
                                              "; ".join(message for _, message in article.warnings),
                                              article.content_sha256, article_loaded=True))
            if quarantined:
                new_articles = new_articles.filter(~pl.col("article_id").is_in(list(quarantined)))
            con.register("new_articles", new_articles.to_arrow())
            con.execute(f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                        f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM new_articles")
            con.unregister("new_articles")
            if progress:
                progress(min(start + BATCH_ARTICLES, len(to_parse)), len(to_parse))
        report.errors = sorted(errors, key=lambda e: e.path)
        error_rows = pl.DataFrame(
            [{"path": e.path, "kind": e.kind, "message": e.message, "content_sha256": e.content_sha256,
              "detected_at": loaded_at, "article_loaded": e.article_loaded} for e in report.errors],
            schema={"path": pl.String, "kind": pl.String, "message": pl.String, "content_sha256": pl.String,
                    "detected_at": pl.Datetime("us"), "article_loaded": pl.Boolean},
        )
        con.execute("DELETE FROM article_files WHERE path NOT IN (SELECT unnest(?::VARCHAR[]))", [list(hashes)])
        if hashed:
            con.register("hashed_files", pl.DataFrame(hashed, orient="row", schema={
                "path": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64, "content_sha256": pl.String}).to_arrow())
            con.execute("INSERT OR REPLACE INTO article_files SELECT * FROM hashed_files")
            con.unregister("hashed_files")
        # the warnings of articles loaded earlier and unchanged since stay: they were not read again
        unchanged = [p for p in hashes if p not in duplicates and known.get(p) == hashes[p]]
        con.execute("DELETE FROM ingest_errors WHERE NOT (article_loaded AND path IN (SELECT unnest(?::VARCHAR[])))",
                    [unchanged])
        con.register("new_errors", error_rows.to_arrow())
        con.execute("INSERT OR REPLACE INTO ingest_errors (path, kind, message, content_sha256, detected_at, article_loaded) "
                    "SELECT path, kind, message, content_sha256, detected_at, article_loaded FROM new_errors")
        con.unregister("new_errors")
        report.errors = [IngestError(*row) for row in con.execute(
            "SELECT path, kind, message, content_sha256, article_loaded FROM ingest_errors ORDER BY path").fetchall()]
    report.new = [p for p in parsed_paths if p not in known]
    report.changed = [p for p in parsed_paths if p in known]
    present = set(report.new) | set(report.changed) | {p for p in hashes if p not in duplicates and known.get(p) == hashes[p]}
    report.removed = sorted(set(known) - present - {e.path for e in report.errors})
    return report


def _screen_articles(frame: pl.DataFrame, screen: RowScreen | None) -> dict[str, str]:
    """article_id → why, for the articles of `frame` that fail a row-level expectation of the
    articles suite (validated as its check reads the table: the body's length, not its text)."""
    if screen is None or frame.is_empty():
        return {}
    flagged = screen(frame.with_columns(pl.col("body").str.len_chars().alias("body")))
    return {article_id: "failed " + "; ".join(f"{label} ({notes})" if notes else label for label, notes in failures)
            + "; the article is left out until its file is fixed"
            for article_id, failures in flagged.items()}


def _article_schema() -> dict:
    return {"article_id": pl.String, "path": pl.String, "title": pl.String, "source": pl.String,
            "author": pl.String, "url": pl.String, "published_date": pl.Date, "content_sha256": pl.String,
            "encoding": pl.String, "body": pl.String, "loaded_at": pl.Datetime("us")}


def _fact_schema() -> dict:
    return {"fact_id": pl.String, "article_id": pl.String, "family": pl.String, "entity": pl.String,
            "metric": pl.String, "value": pl.Float64, "unit": pl.String, "value_low": pl.Float64,
            "value_high": pl.Float64, "bound": pl.String, "as_of_date": pl.Date, "as_of_precision": pl.String,
            "subject": pl.String, "segment": pl.String, "baseline_date": pl.Date,
            "baseline_precision": pl.String, "currency": pl.String, "direction": pl.String,
            "condition": pl.String, "quote": pl.String, "char_start": pl.Int32, "char_end": pl.Int32,
            "number_start": pl.Int32, "number_end": pl.Int32,
            "extractor_version": pl.String, "extracted_at": pl.Datetime("us")}


def facts_frame(facts: Iterable[Fact], extracted_at: datetime | None = None) -> pl.DataFrame:
    """The facts as a frame with the `facts` table's columns, built column by column: one list
    per column read straight from the Fact objects (no dict per row, no second conversion), which
    is what keeps the load near DuckDB's own insert rate."""
    extracted_at = extracted_at or _now()
    facts = facts if isinstance(facts, list) else list(facts)
    schema = _fact_schema()
    columns = {name: list(map(attrgetter(name), facts)) for name in FACT_COLUMNS
               if name not in ("extractor_version", "extracted_at")}
    frame = pl.DataFrame(columns, schema={name: schema[name] for name in columns})
    return frame.with_columns(pl.lit(EXTRACTOR_VERSION, pl.String).alias("extractor_version"),
                              pl.lit(extracted_at, pl.Datetime("us")).alias("extracted_at")).select(FACT_COLUMNS)


_ARTICLE_FIELDS = ("article_id", "path", "title", "source", "author", "url", "published_date",
                   "content_sha256", "encoding", "body")


def _stale_ids(con: duckdb.DuckDBPyConnection, full_refresh: bool) -> list[str]:
    where = "" if full_refresh else (
        "WHERE e.article_id IS NULL OR e.content_sha256 <> a.content_sha256 OR e.extractor_version <> ?"
    )
    params = [] if full_refresh else [EXTRACTOR_VERSION]
    return [row[0] for row in con.execute(
        f"SELECT a.article_id FROM articles a LEFT JOIN article_extractions e USING (article_id) {where} ORDER BY a.path",
        params,
    ).fetchall()]


def _articles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[Article]:
    rows = con.execute(
        f"SELECT {', '.join(_ARTICLE_FIELDS)} FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY path",
        [ids],
    ).fetchall()
    return [Article(*row) for row in rows]


def _extract_one(article: Article) -> tuple[list[Fact], str | None]:
    """The article's facts, or none and why the extractor failed on it. A defect the extractor
    meets in one article must not cost every other article of the run its facts."""
    try:
        return extract_facts(article), None
    except Exception as exc:  # noqa: BLE001 - any defect: recorded on the article, the run goes on
        return [], f"{type(exc).__name__}: {exc}"


def _extract_batch(articles: list[Article]) -> list[tuple[list[Fact], str | None]]:
    return [_extract_one(article) for article in articles]


class _Extractors:
    """Extraction in worker processes for big batches (spawned, so no DuckDB or Dagster state is
    forked); small runs stay in this process, where a pool would cost more than it saves."""

    MIN_ARTICLES_FOR_POOL = 400

    def __init__(self, workers: int, total: int):
        self.pool = None
        if workers > 1 and total >= self.MIN_ARTICLES_FOR_POOL:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
            self.workers = workers

    def __call__(self, articles: list[Article]) -> list[tuple[list[Fact], str | None]]:
        if self.pool is None:
            return _extract_batch(articles)
        chunk = max(1, len(articles) // (self.workers * 4))
        parts = [articles[i : i + chunk] for i in range(0, len(articles), chunk)]
        return [result for part in self.pool.map(_extract_batch, parts) for result in part]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()


def sync_facts(con: duckdb.DuckDBPyConnection, progress: Progress | None = None, full_refresh: bool = False,
               screen: RowScreen | None = None, workers: int = 1) -> FactSync:
    """Re-extract the articles that are new or changed, retire the facts of removed ones.

    Articles are read, extracted (in `workers` processes for big runs), screened and inserted in
    batches inside one transaction, so memory does not grow with the corpus. `screen` validates
    the new facts row by row; the rows it flags go to `rejected_facts` with the expectations they
    failed, the others to `facts`, where the screen records them as validated."""
    ensure_schema(con)
    report = FactSync()
    stale = _stale_ids(con, full_refresh)
    retired = [r[0] for r in con.execute(
        "SELECT article_id FROM article_extractions WHERE article_id NOT IN (SELECT article_id FROM articles)"
    ).fetchall()]
    touched = stale + retired
    extracted_at = _now()
    extract = _Extractors(workers, len(stale))
    try:
        with transaction(con, "facts"):
            if full_refresh:
                report.facts_deleted = con.execute("SELECT count(*) FROM facts").fetchall()[0][0]
                for table in ("facts", "rejected_facts", "article_extractions"):
                    con.execute(f"DELETE FROM {table}")
            elif touched:
                report.facts_deleted = con.execute(
                    "SELECT count(*) FROM facts WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [touched]
                ).fetchall()[0][0]
                for table in ("facts", "rejected_facts", "article_extractions"):
                    con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [touched])
            for start in range(0, len(stale), BATCH_ARTICLES * 2):
                articles = _articles(con, stale[start : start + BATCH_ARTICLES * 2])
                per_article = extract(articles)
                frame = facts_frame([f for facts, _ in per_article for f in facts], extracted_at)
                rejected = _rejected_frame(frame, articles, screen)
                if rejected.height:
                    frame = frame.filter(~pl.col("fact_id").is_in(rejected["fact_id"].to_list()))
                extractions = pl.DataFrame(
                    [{"article_id": a.article_id, "content_sha256": a.content_sha256,
                      "extractor_version": EXTRACTOR_VERSION, "fact_count": len(facts), "extracted_at": extracted_at,
                      "error": error}
                     for a, (facts, error) in zip(articles, per_article)],
                    schema={"article_id": pl.String, "content_sha256": pl.String, "extractor_version": pl.String,
                            "fact_count": pl.Int32, "extracted_at": pl.Datetime("us"), "error": pl.String},
                )
                report.failures += [(a.path, error) for a, (_, error) in zip(articles, per_article) if error]
                frame_rows, rejected_rows = frame.height, rejected.height
                for name, table, data in (("new_rejected", "rejected_facts", rejected), ("new_facts", "facts", frame),
                                          ("new_extractions", "article_extractions", extractions)):
                    con.register(name, data.to_arrow())
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
                    if table == "facts" and screen is not None:
                        report.facts_screened += screen.record_passed(con, name)
                    con.unregister(name)
                done = start + len(articles)
                del per_article, frame, rejected, extractions, articles, data
                _release_freed_memory()
                report.facts_written += frame_rows
                report.facts_rejected += rejected_rows
                if progress:
                    progress(done, len(stale))
    finally:
        extract.close()
    report.articles_extracted = len(stale)
    report.articles_retired = len(retired)
    report.rejected_total = con.execute("SELECT count(*) FROM rejected_facts").fetchall()[0][0]
    report.facts_total = con.execute("SELECT count(*) FROM facts").fetchall()[0][0]
    report.by_family = dict(con.execute("SELECT family, count(*) FROM facts GROUP BY family ORDER BY family").fetchall())
    return report


def _release_freed_memory() -> None:
    """Hand the memory a batch freed back to the operating system. A batch allocates and frees
    millions of small objects (facts, rows, frames); glibc keeps the freed pages in the process
    unless asked, and the peak RSS of a big load would grow batch after batch."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to trim
        pass


def _rejected_frame(frame: pl.DataFrame, articles: list[Article], screen: RowScreen | None) -> pl.DataFrame:
    """The rows of `frame` that fail the row-level expectations, with the reasons."""
    empty = frame.head(0).with_columns(
        pl.lit(None, pl.String).alias("failed_expectations"), pl.lit(None, pl.String).alias("reason")
    )
    if screen is None or frame.is_empty():
        return empty
    published = pl.DataFrame(
        {"article_id": [a.article_id for a in articles], "published_date": [a.published_date for a in articles]},
        schema={"article_id": pl.String, "published_date": pl.Date},
    )
    flagged = screen(frame.join(published, on="article_id", how="left"))
    if not flagged:
        return empty
    reasons = pl.DataFrame(
        {"fact_id": list(flagged),
         "failed_expectations": ["; ".join(label for label, _ in failures) for failures in flagged.values()],
         "reason": ["; ".join(dict.fromkeys(why for _, why in failures)) for failures in flagged.values()]},
        schema={"fact_id": pl.String, "failed_expectations": pl.String, "reason": pl.String},
    )
    return frame.join(reasons, on="fact_id", how="inner")


@dataclass
class FamilySync:
    rows: int
    inserted: int
    deleted: int


@dataclass
class TablesSync:
    families: dict[str, FamilySync]
    marts_rebuilt: bool
    mart_rows: dict[str, int]  # mart table → rows
    objects: list[str]  # every view and mart table of sql/marts/, in file order


MARTS_DIR = SQL_DIR / "marts"
_MART_TABLE = re.compile(r"^CREATE OR REPLACE TABLE (\w+) AS", re.MULTILINE)
_MART_OBJECT = re.compile(r"^CREATE OR REPLACE (?:VIEW|TABLE) (\w+) AS", re.MULTILINE)


def mart_sql() -> list[str]:
    """The statements of sql/marts/, in file order (each file creates its views and tables)."""
    return [path.read_text(encoding="utf-8") for path in sorted(MARTS_DIR.glob("*.sql"))]


def mart_tables(statements: list[str]) -> list[str]:
    """The marts that are materialized as tables (`CREATE OR REPLACE TABLE`)."""
    return [name for text in statements for name in _MART_TABLE.findall(text)]


def sync_tables(con: duckdb.DuckDBPyConnection) -> TablesSync:
    """Bring the family tables in line with `facts` and rebuild the marts, in one transaction,
    so an analyst never sees marts that disagree with the tables under them.

    Each family table follows its SQL in sql/load/ as a difference: rows no longer wanted (gone or
    changed) are deleted, wanted rows it lacks are inserted, so adding one article writes a few
    rows. The marts of sql/marts/ are tables (dbt's `table` materialization: an analyst's query
    reads a few hundred rows instead of re-ranking every mention); the staging views and the thin
    views over the marts stay views. The marts are rebuilt only when their inputs changed: a
    family table, the articles, the FX rates or the mart SQL itself."""
    ensure_schema(con)
    statements = mart_sql()  # read once: the fingerprint, the rebuild and the counts share it
    tables = mart_tables(statements)
    with transaction(con, "tables"):
        families = {table: _apply_family_table(con, table) for table in FAMILY_TABLES}
        fingerprint = _mart_inputs_fingerprint(con, statements)
        built = con.execute("SELECT fingerprint FROM mart_builds").fetchall()
        present = {name for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = current_schema()").fetchall()}
        stale = (any(f.inserted or f.deleted for f in families.values()) or built != [(fingerprint,)]
                 or not set(tables) <= present)
        if stale:
            _create_marts(con, statements, tables)
            con.execute("DELETE FROM mart_builds")
            con.execute("INSERT INTO mart_builds VALUES (?, now()::TIMESTAMP)", [fingerprint])
        mart_rows = {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0] for name in tables}
    objects = [name for text in statements for name in _MART_OBJECT.findall(text)]
    return TablesSync(families=families, marts_rebuilt=stale, mart_rows=mart_rows, objects=objects)


def _apply_family_table(con: duckdb.DuckDBPyConnection, table: str) -> FamilySync:
    wanted = read_sql(f"load/{table}.sql")
    # a changed row is deleted first, so the second difference brings it back with the new rows
    deleted = con.execute(f"DELETE FROM {table} WHERE fact_id IN "
                          f"(SELECT fact_id FROM (SELECT * FROM {table} EXCEPT SELECT * FROM ({wanted})))").fetchall()[0][0]
    inserted = con.execute(f"INSERT INTO {table} SELECT * FROM (SELECT * FROM ({wanted}) EXCEPT SELECT * FROM {table}) "
                           "ORDER BY entity, as_of_date, fact_id").fetchall()[0][0]
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    return FamilySync(rows=rows, inserted=inserted, deleted=deleted)


def _mart_inputs_fingerprint(con: duckdb.DuckDBPyConnection, statements: list[str]) -> str:
    """What the marts read besides the family tables, cheaply: the articles' count and newest
    load time (a changed article is loaded again), the FX table's content (a few dozen rows) and
    the SQL of the marts."""
    articles = con.execute("SELECT count(*), max(loaded_at)::VARCHAR FROM articles").fetchall()[0]
    fx = con.execute("SELECT count(*), coalesce(sum(hash(f)), 0) FROM fx_rates f").fetchall()[0]
    sql = hashlib.sha256("".join(statements).encode("utf-8")).hexdigest()[:16]
    return f"articles {articles[0]}@{articles[1]}; fx {fx[0]}:{fx[1]}; sql {sql}"


def _create_marts(con: duckdb.DuckDBPyConnection, statements: list[str], tables: list[str]) -> None:
    # a warehouse built when these marts were views: a view cannot be replaced by a table
    for (name,) in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal "
                               "AND view_name IN (SELECT unnest(?::VARCHAR[]))", [tables]).fetchall():
        con.execute(f"DROP VIEW {name}")
    for statement in statements:
        con.execute(statement)


def preview_markdown(con: duckdb.DuckDBPyConnection, sql: str, limit: int = 10) -> str:
    """A small markdown table of a query's first rows, for Dagster's asset metadata."""
    frame = con.sql(f"SELECT * FROM ({sql}) LIMIT {int(limit)}").pl()
    if frame.is_empty():
        return "_no rows_"
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    lines = [header, rule]
    for row in frame.iter_rows():
        cells = [("" if v is None else str(v)).replace("|", "\\|").replace("\n", " ")[:80] for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def load_fx_rates(con: duckdb.DuckDBPyConnection, csv_path: Path) -> int:
    """Replace `fx_rates` with the monthly rates of the reference CSV, in one transaction."""
    ensure_schema(con)
    if not csv_path.exists():
        raise FileNotFoundError(f"no FX rates at {csv_path}; see sql/reference/README.md")
    rates = pl.read_csv(csv_path, schema={"month": pl.Date, "cny_per_usd": pl.Float64})
    if rates.is_empty() or rates["cny_per_usd"].min() <= 0:
        raise ValueError(f"{csv_path} must hold positive CNY-per-USD rates, one per month")
    with transaction(con, "fx_rates"):
        con.execute("DELETE FROM fx_rates")
        con.register("new_rates", rates.to_arrow())
        con.execute("INSERT INTO fx_rates SELECT month, cny_per_usd FROM new_rates")
        con.unregister("new_rates")
    return rates.height


PARQUET_TABLES = {  # table → the date its month partitions follow
    "facts": "as_of_date",
    "daily_token_usage": "as_of_date",
    "growth_multiples": "as_of_date",
    "price_points": "as_of_date",
}


def export_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, dict[str, int]]:
    """Write each fact table as Parquet partitioned by month (hive layout:
    <folder>/<table>/month=YYYY-MM/data.parquet), the layout other engines and a scaled-out
    pipeline share. Only the months whose rows changed since the last export are written again
    (`_months.json` keeps a content hash per month); a month is replaced by renaming a complete
    folder into place, and months without rows any more are removed.

    Returns {table: {"rows": …, "months": …, "months_written": …, "months_removed": …}}."""
    import json
    import shutil

    report = {}
    for table, date_column in PARQUET_TABLES.items():
        target = folder / table
        target.mkdir(parents=True, exist_ok=True)
        manifest = target / "_months.json"
        exported = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}
        month = f"strftime({date_column}, '%Y-%m')"
        current = {m: f"{n}:{h}" for m, n, h in con.execute(
            f"SELECT {month} AS month, count(*), sum(hash(t))::VARCHAR FROM {table} t GROUP BY ALL").fetchall()}
        changed = sorted(m for m, digest in current.items()
                         if exported.get(m) != digest or not (target / f"month={m}" / "data.parquet").exists())
        for m in changed:
            staging = target / f".month={m}.tmp"
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            con.execute(f"COPY (SELECT * FROM {table} WHERE {month} = ?) TO '{(staging / 'data.parquet').as_posix()}' "
                        "(FORMAT parquet)", [m])
            shutil.rmtree(target / f"month={m}", ignore_errors=True)
            staging.rename(target / f"month={m}")
        removed = [p for p in target.glob("month=*") if p.name.removeprefix("month=") not in current]
        for path in removed:
            shutil.rmtree(path)
        manifest.write_text(json.dumps(current, indent=0, sort_keys=True), encoding="utf-8")
        report[table] = {"rows": sum(int(d.split(":")[0]) for d in current.values()), "months": len(current),
                         "months_written": len(changed), "months_removed": len(removed)}
    return report
