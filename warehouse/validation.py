"""Great Expectations (GX 1.x) suites from expectations/*.json, run on pandas frames.

GX is imported lazily (it costs ~4 s with compiled bytecode, ~12 s without): only code that
validates pays for it. Each validation runs through a GX checkpoint so its result is stored;
`publish_docs` then adds the results' pages to the Data Docs site under the warehouse folder
(`<warehouse dir>/data_docs/index.html`), once per check or load.
Checks validate only the rows that are new or changed since their last passing validation.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .db import PROJECT_ROOT, transaction

if TYPE_CHECKING:
    import pandas as pd

def suites_dir() -> Path:
    """expectations/ in the project, or EXPECTATIONS_DIR to try a changed set of suites."""
    return Path(os.environ.get("EXPECTATIONS_DIR") or PROJECT_ROOT / "expectations")
SAMPLE_ROWS = 5


@dataclass
class Failure:
    expectation: str  # e.g. expect_column_values_to_be_between(value)
    notes: str
    unexpected_count: int
    sample: list
    row_level: bool


@dataclass
class ValidationReport:
    suite: str
    success: bool
    evaluated: int
    rows: int
    failures: list[Failure] = field(default_factory=list)
    bad_rows: dict[str, list[str]] = field(default_factory=dict)  # id → failed expectations (row-level)
    docs_index: Path | None = None
    result_ids: list = field(default_factory=list)  # GX ValidationResultIdentifiers of the stored results

    def markdown(self) -> str:
        if not self.failures:
            return f"All {self.evaluated} expectations of `{self.suite}` passed on {self.rows:,} rows."
        lines = ["| expectation | unexpected | why it matters | sample |", "| --- | --- | --- | --- |"]
        for f in self.failures:
            sample = ", ".join(str(s) for s in f.sample[:3]).replace("|", "/")[:200]
            lines.append(f"| {f.expectation} | {f.unexpected_count:,} | {f.notes} | {sample} |")
        return "\n".join(lines)


def suite_definition(name: str) -> dict:
    path = suites_dir() / f"{name}.json"
    if not path.exists():
        raise FileNotFoundError(f"no expectation suite {path}; suites: {sorted(p.stem for p in suites_dir().glob('*.json'))}")
    return json.loads(path.read_text(encoding="utf-8"))


def _label(config) -> str:
    """expect_column_values_to_be_between(value | family=="price_point")"""
    kwargs = config.kwargs
    columns = kwargs.get("column") or ", ".join(str(kwargs[k]) for k in ("column_A", "column_B") if k in kwargs)
    condition = kwargs.get("row_condition")
    return f"{config.type}({columns}{' | ' + str(condition) if condition else ''})"


@lru_cache(maxsize=64)
def _context(docs_root: str):
    """A GX file context whose stores live in <docs_root>/gx and whose Data Docs site is
    <docs_root>/data_docs. Cached: GX objects are built once per process."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    root = Path(docs_root)
    root.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(root))
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    site = {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(root / "data_docs")},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    sites = context.list_data_docs_sites()
    if "warehouse_docs" in sites:
        context.update_data_docs_site("warehouse_docs", site)
    else:
        context.add_data_docs_site("warehouse_docs", site)
    for other in [s for s in sites if s != "warehouse_docs"]:
        context.delete_data_docs_site(other)
    context.variables.save()
    return context


@lru_cache(maxsize=64)
def _checkpoint(docs_root: str, name: str, suite_json: str, id_column: str | None):
    """The GX suite, batch and checkpoint of one validation, stored in the context once per
    process and suite content: storing a suite compares every expectation (~1 s), which a load that
    validates batch after batch would otherwise pay every time. The checkpoint stores its results
    and has no actions: `publish_docs` adds their Data Docs pages, once per check or load."""
    import great_expectations as gx

    context = _context(docs_root)
    definition = json.loads(suite_json)
    suite = context.suites.add_or_update(
        gx.ExpectationSuite(name=name, expectations=definition["expectations"], meta=definition.get("meta", {}))
    )
    # got, not re-added: replacing the data source would make every cached checkpoint stale
    try:
        source = context.data_sources.get("warehouse_frames")
    except (KeyError, LookupError, ValueError):
        source = context.data_sources.add_pandas("warehouse_frames")
    try:
        asset = source.get_asset(name)
    except LookupError:
        asset = source.add_dataframe_asset(name)
    try:
        batch_definition = asset.get_batch_definition("whole_frame")
    except (KeyError, LookupError):
        batch_definition = asset.add_batch_definition_whole_dataframe("whole_frame")
    validation = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=f"{name}_validation", data=batch_definition, suite=suite)
    )
    result_format = {"result_format": "COMPLETE"}
    if id_column:
        result_format["unexpected_index_column_names"] = [id_column]
    return context.checkpoints.add_or_update(
        gx.Checkpoint(name=f"{name}_checkpoint", validation_definitions=[validation], actions=[],
                      result_format=result_format)
    )


def validate(name: str, frame: pd.DataFrame, docs_root: Path, id_column: str | None = None) -> ValidationReport:
    """Validate `frame` against expectations/<name>.json; row-level failures are reported by id.
    The result is stored; `publish_docs` puts it in the Data Docs."""
    from great_expectations.exceptions.resource_freshness import ResourceFreshnessAggregateError

    _prune_history(Path(docs_root), name)
    key = (str(docs_root), name, json.dumps(suite_definition(name), sort_keys=True), id_column)
    try:
        run = _checkpoint(*key).run(batch_parameters={"dataframe": frame})
    except ResourceFreshnessAggregateError:  # the stored objects changed under the cached ones
        _checkpoint.cache_clear()
        run = _checkpoint(*key).run(batch_parameters={"dataframe": frame})
    result = next(iter(run.run_results.values()))
    report = ValidationReport(
        suite=name, success=bool(result.success), evaluated=len(result.results), rows=len(frame),
        docs_index=Path(docs_root) / "data_docs" / "index.html", result_ids=list(run.run_results),
    )
    for item in result.results:
        if item.success:
            continue
        config = item.expectation_config
        meta = config.meta or {}
        details = item.result or {}
        label = _label(config)
        unexpected_index = details.get("unexpected_index_list") or []
        report.failures.append(Failure(
            expectation=label,
            notes=meta.get("notes", ""),
            unexpected_count=int(details.get("unexpected_count") or len(unexpected_index) or 0),
            sample=unexpected_index[:SAMPLE_ROWS] or (details.get("partial_unexpected_list") or [])[:SAMPLE_ROWS]
            or ([details["observed_value"]] if "observed_value" in details else []),
            row_level=bool(meta.get("row_level")),
        ))
        if meta.get("row_level") and id_column:
            for row in unexpected_index:
                key = row[id_column] if isinstance(row, dict) else row
                report.bad_rows.setdefault(str(key), []).append(label)
    return report


KEEP_VALIDATIONS = 20  # per suite: the Data Docs index is rebuilt from these on every run


def _prune_history(root: Path, suite: str) -> None:
    """Keep the newest KEEP_VALIDATIONS results (and their Data Docs pages) of a suite, so the
    store and the time to rebuild the docs do not grow with every run."""
    import shutil

    for folder in (root / "gx" / "uncommitted" / "validations" / suite, root / "data_docs" / "validations" / suite):
        runs = sorted(folder.glob("*/*"), key=lambda p: p.name) if folder.exists() else []
        for old in runs[:-KEEP_VALIDATIONS]:
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)


def publish_docs(docs_root: Path, suite: str, reports: list[ValidationReport]) -> None:
    """Add the pages of these validations (the newest KEEP_VALIDATIONS) and of the suite to the
    Data Docs site, and rebuild its index: once per check or load, however many frames it had.
    Nothing validated, nothing to publish: GX is not even imported (it costs seconds)."""
    results = [result for report in reports for result in report.result_ids][-KEEP_VALIDATIONS:]
    if results:
        from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

        _context(str(docs_root)).build_data_docs(
            site_names=["warehouse_docs"], resource_identifiers=[*results, ExpectationSuiteIdentifier(name=suite)])


class RowScreen:
    """The `screen` for warehouse.load.sync_facts (and, with table="articles", sync_articles): the
    table's suite run on each batch of new rows before it is inserted. Rows failing a row-level
    expectation are returned (to quarantine).

    The rows kept have then passed the very suite the facts check runs, so `record_passed` counts
    the screen as that check's validation of them: the check does not validate them a second time.
    It does so only when that is sound: every expectation of the suite is row-wise, the one
    uniqueness rule is on the table's primary key (which DuckDB enforces on insert), and every
    failure in the batch was row-level (so its rows are the ones quarantined)."""

    def __init__(self, docs_root: Path, table: str = "facts"):
        self.docs_root = docs_root
        self.table = table
        self.id_column = ID_COLUMNS.get(table, "fact_id")
        by_row, unique = validates_by_row(self.table)
        self._vouches = by_row and unique == [self.id_column]
        self._kept_rows_passed = False
        self._reports: list[ValidationReport] = []  # of this load's batches, for the Data Docs

    def __call__(self, frame) -> dict[str, list[tuple[str, str]]]:
        report = validate(self.table, frame.to_pandas(), self.docs_root, id_column=self.id_column)
        self._reports.append(report)
        self._kept_rows_passed = all(f.row_level for f in report.failures)
        notes = {f.expectation: f.notes for f in report.failures}
        return {row_id: [(label, notes.get(label, "")) for label in labels]
                for row_id, labels in report.bad_rows.items()}

    def publish(self) -> None:
        """Put this load's results in the Data Docs, once, after the last batch."""
        publish_docs(self.docs_root, self.table, self._reports)
        self._reports = []

    def record_passed(self, con, inserted: str) -> int:
        """Record the rows just inserted from relation `inserted` (a `fact_id` column) as validated
        by the facts suite, hashed as the facts check reads them. Returns how many."""
        if not (self._vouches and self._kept_rows_passed):
            return 0
        id_column = ID_COLUMNS.get(self.table, "fact_id")
        return con.execute(f"""
            INSERT OR REPLACE INTO validated_rows
            SELECT $table, t.{id_column}, hash(t), $suite FROM ({CHECK_QUERIES[self.table]}) t
            WHERE t.{id_column} IN (SELECT {id_column} FROM {inserted})
        """, {"table": self.table, "suite": suite_sha256(self.table)}).fetchall()[0][0]


# What each table's check reads: the table itself, facts with its article's publish date.
CHECK_QUERIES = {
    "articles": "SELECT * EXCLUDE (body), length(body) AS body FROM articles",
    "facts": "SELECT f.*, a.published_date FROM facts f LEFT JOIN articles a USING (article_id)",
    "daily_token_usage": "SELECT * FROM daily_token_usage",
    "growth_multiples": "SELECT * FROM growth_multiples",
    "price_points": "SELECT * FROM price_points",
}
ID_COLUMNS = {"articles": "article_id"}

# Expectations GX evaluates row by row ("map" expectations): a row that passed once passes again
# as long as it is unchanged, so only new and changed rows need validating.
_ROW_WISE = ("expect_column_values_", "expect_column_value_", "expect_column_pair_values_",
             "expect_multicolumn_values_", "expect_select_column_values_")


def suite_sha256(table: str) -> str:
    return hashlib.sha256((suites_dir() / f"{table}.json").read_bytes()).hexdigest()[:12]


def validates_by_row(table: str) -> tuple[bool, list[str]]:
    """(whether every expectation of the suite is row-wise, the columns it expects unique).
    Uniqueness is the one cross-row rule kept in the delta: the rows sharing a value with a new
    row are validated with it. Any aggregate (a max, a row count, `mostly` < 1) needs the table."""
    unique, by_row = [], True
    for expectation in suite_definition(table)["expectations"]:
        kind, kwargs = expectation["type"], expectation.get("kwargs", {})
        if kind == "expect_column_values_to_be_unique":
            unique.append(kwargs["column"])
        elif not kind.startswith(_ROW_WISE) or kwargs.get("mostly", 1) < 1:
            by_row = False
    return by_row, unique


# Rows per GX validation: a check streams its rows from DuckDB in frames of this size, so its
# memory does not grow with the table (a full build of 100k articles validates ~460k facts).
CHUNK_ROWS = 25_000


def rows_to_validate(con, table: str, chunk_rows: int = CHUNK_ROWS):
    """(pandas frames of the rows the table's check must validate, rows in the table, whole table?).

    Frames come with a `_row_hash` column (DuckDB's hash of the row as the check reads it); after
    a passing validation `mark_validated` records them, and the next check skips them. The frames
    are streamed `chunk_rows` at a time from one open result, as (frame, is the last one): read
    each before running another statement on `con`. A suite with an aggregate expectation gets the
    whole table in one frame."""
    id_column = ID_COLUMNS.get(table, "fact_id")
    by_row, unique = validates_by_row(table)
    total = con.execute(f"SELECT count(*) FROM ({CHECK_QUERIES[table]})").fetchall()[0][0]
    rows = f"SELECT t.*, hash(t) AS _row_hash FROM ({CHECK_QUERIES[table]}) t"
    if not by_row:
        return iter([(con.sql(rows).df(), True)]), total, True
    collide = "".join(f" OR {c} IN (SELECT {c} FROM delta)" for c in unique)
    # rows sharing a unique value land next to each other, in the same frame
    order = ", ".join([*unique, id_column])
    sql = f"""
        WITH all_rows AS ({rows}),
        delta AS (
            SELECT r.* FROM all_rows r
            ANTI JOIN (SELECT row_id, row_hash FROM validated_rows WHERE table_name = $table AND suite_sha256 = $suite) v
                ON v.row_id = r.{id_column} AND v.row_hash = r._row_hash
        )
        SELECT * FROM all_rows WHERE {id_column} IN (SELECT {id_column} FROM delta){collide}
        ORDER BY {order}
    """
    result = con.execute(sql, {"table": table, "suite": suite_sha256(table)})
    vectors = max(1, chunk_rows // 2048)  # DuckDB hands out rows in vectors of 2,048

    def frames():
        frame = result.fetch_df_chunk(vectors)
        while not frame.empty:
            following = result.fetch_df_chunk(vectors)
            yield frame, following.empty
            frame = following

    return frames(), total, False


def merge_reports(reports: list[ValidationReport]) -> ValidationReport:
    """One report for a suite validated frame by frame: counts add up, samples are the first ones."""
    first = reports[0]
    merged = ValidationReport(suite=first.suite, success=all(r.success for r in reports), evaluated=first.evaluated,
                              rows=sum(r.rows for r in reports), docs_index=first.docs_index)
    by_label: dict[str, Failure] = {}
    for report in reports:
        for failure in report.failures:
            if failure.expectation in by_label:
                kept = by_label[failure.expectation]
                kept.unexpected_count += failure.unexpected_count
                kept.sample = (kept.sample + failure.sample)[:SAMPLE_ROWS]
            else:
                by_label[failure.expectation] = replace(failure, sample=list(failure.sample))
        for key, labels in report.bad_rows.items():
            merged.bad_rows.setdefault(key, []).extend(labels)
    merged.failures = list(by_label.values())
    return merged


def mark_validated(con, table: str, passed) -> None:
    """Record the rows of a passing validation (a frame of row ids and `_row_hash`), and forget
    the rows the table no longer has."""
    id_column = ID_COLUMNS.get(table, "fact_id")
    con.register("passed_rows", passed)
    try:
        with transaction(con, "validated_rows"):
            con.execute(f"""
                INSERT OR REPLACE INTO validated_rows
                SELECT $table, {id_column}, _row_hash, $suite FROM passed_rows
            """, {"table": table, "suite": suite_sha256(table)})
            con.execute(f"""
                DELETE FROM validated_rows WHERE table_name = $table
                  AND row_id NOT IN (SELECT {id_column} FROM {table})
            """, {"table": table})
    finally:
        con.unregister("passed_rows")


def table_fingerprint(con, table: str) -> str:
    """Row count and content hash of what the table's check reads, plus the suite file's hash:
    equal fingerprints mean an identical validation."""
    count, content = con.execute(f"SELECT count(*), coalesce(sum(hash(t)), 0) FROM ({CHECK_QUERIES[table]}) t").fetchall()[0]
    return f"{count}:{content}:{suite_sha256(table)}"
