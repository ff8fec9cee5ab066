"""Connections to the DuckDB warehouse file and its schema (DDL read from sql/ddl at run time)."""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SQL_DIR = PROJECT_ROOT / "sql"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "metrics.duckdb"
DEFAULT_SEEDS = PROJECT_ROOT / "seeds"

# Files are written in the v1.5.0 storage format so the DuckDB CLI from PyPI (1.5.x) can open
# them too; duckdb 2.x reads and writes that format unchanged.
STORAGE_VERSION = "v1.5.0"
# A bounded buffer pool: big loads and views spill to disk instead of growing the process (DuckDB's default
# is 80% of RAM). DUCKDB_MEMORY_LIMIT overrides it.
CONNECTION_CONFIG = {
    "storage_compatibility_version": STORAGE_VERSION,
    "memory_limit": os.environ.get("DUCKDB_MEMORY_LIMIT", "256MB"),
}

FAMILY_TABLES = ("daily_token_usage", "growth_multiples", "price_points")


def warehouse_path() -> Path:
    return Path(os.environ.get("WAREHOUSE_PATH") or DEFAULT_WAREHOUSE).expanduser().resolve()


def seeds_dir() -> Path:
    return Path(os.environ.get("SEEDS_DIR") or DEFAULT_SEEDS).expanduser().resolve()


def read_sql(relative: str) -> str:
    return (SQL_DIR / relative).read_text(encoding="utf-8")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table that does not exist yet, and bring the tables of a warehouse built by an
    earlier version to the current columns (idempotent)."""
    for ddl in sorted((SQL_DIR / "ddl").glob("*.sql")):
        con.execute(ddl.read_text(encoding="utf-8"))
    _upgrade(con)


# Columns added since the first version, as (table, column, type and default): a warehouse built
# before them gets them, with the default, the first time a newer version opens it.
ADDED_COLUMNS = (
    ("daily_token_usage", "mentions", "INTEGER DEFAULT 1"),
    ("growth_multiples", "mentions", "INTEGER DEFAULT 1"),
    ("price_points", "mentions", "INTEGER DEFAULT 1"),
    ("ingest_errors", "article_loaded", "BOOLEAN DEFAULT false"),
    ("article_extractions", "error", "VARCHAR"),
)
# Columns that became nullable: an article without front matter has no publish date.
NOW_NULLABLE = (("articles", "published_date"),)


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    columns = {(t, c): nullable for t, c, nullable in con.execute(
        "SELECT table_name, column_name, is_nullable FROM information_schema.columns "
        "WHERE table_schema = current_schema()").fetchall()}
    for table, column, definition in ADDED_COLUMNS:
        if (table, column) not in columns:
            con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {definition}")
    for table, column in NOW_NULLABLE:
        if columns.get((table, column)) == "NO":
            con.execute(f"ALTER TABLE {table} ALTER COLUMN {column} DROP NOT NULL")


LOCK_WAIT_SECONDS = 120.0


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the file, waiting while another process holds DuckDB's lock (a refresh in progress)."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    delay = 0.1
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config={} if read_only else CONNECTION_CONFIG)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


@contextmanager
def connect(path: Path | str | None = None, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the warehouse. Readers pass read_only=True; while a writer holds the
    file they wait for it (up to LOCK_WAIT_SECONDS). Writers are serialized by the Dagster pool."""
    path = Path(path) if path else warehouse_path()
    if read_only and not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}; build it first with `make run`")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection, name: str = "load") -> Iterator[duckdb.DuckDBPyConnection]:
    """One load = one transaction: either all of it is visible afterwards or none of it."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        _pause_for_crash_test(name)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _pause_for_crash_test(name: str) -> None:
    """WAREHOUSE_PAUSE_BEFORE_COMMIT=<name> holds the named load open before its COMMIT, so the
    crash-safety test can kill the process mid-transaction; with WAREHOUSE_PAUSE_ONCE_FILE, only the
    first load to get there pauses (it creates that file). Unset in normal use."""
    if os.environ.get("WAREHOUSE_PAUSE_BEFORE_COMMIT") == name:
        once = os.environ.get("WAREHOUSE_PAUSE_ONCE_FILE")
        if once:
            try:
                with open(once, "x"):
                    pass
            except FileExistsError:
                return
        print(f"paused before committing the {name} load", file=sys.stderr, flush=True)
        time.sleep(600)
