"""Build or refresh the warehouse from the command line: every asset, in-process, then a summary.

    python -m pipelines.run                  # SEEDS_DIR → WAREHOUSE_PATH (defaults: seeds/, warehouse/metrics.duckdb)
    python -m pipelines.run --full-refresh   # hash every file again and re-extract every article

It executes the `refresh_warehouse` job, tagged `launched_by: cli` with its pid and host. Before it
starts, runs of the instance whose worker died (killed, crashed) are marked failed and their pool
slots freed. While another live run holds the warehouse's writer slot, it says which and waits up to
WAREHOUSE_POOL_TIMEOUT seconds (default 300), then exits with status 3.

The run is recorded in the Dagster instance at DAGSTER_HOME when it is set (`make run` sets it
to .dagster_home), so it shows in `make ui` too.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from pathlib import Path

from warehouse.db import connect, seeds_dir, warehouse_path

EXIT_CHECK_FAILED = 1
EXIT_WAREHOUSE_ERROR = 2
EXIT_POOL_TIMEOUT = 3

WAREHOUSE_POOL = "duckdb_warehouse"  # see pipelines.defs.resources


def human(n: float) -> str:
    """1234567 → '1.2M'; small numbers stay as they are."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(n) >= size:
            return f"{n / size:.1f}{suffix}"
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,.2f}"


def summary(path: Path) -> str:
    with connect(path, read_only=True) as con:
        def count(table: str) -> int:
            return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]

        errors = con.execute("SELECT path, kind, message FROM ingest_errors WHERE NOT article_loaded ORDER BY path").fetchall()
        warnings = con.execute("SELECT path, kind, message FROM ingest_errors WHERE article_loaded ORDER BY path").fetchall()
        lines = [
            f"Warehouse: {path}",
            f"  articles           {count('articles'):>8,}",
            f"  facts              {count('facts'):>8,}",
            f"  daily_token_usage  {count('daily_token_usage'):>8,}",
            f"  growth_multiples   {count('growth_multiples'):>8,}",
            f"  price_points       {count('price_points'):>8,}",
            f"  rejected facts     {count('rejected_facts'):>8,}",
            f"  ingest errors      {len(errors):>8,}",
        ]
        for error_path, kind, message in errors[:20]:
            lines.append(f"    - {error_path}: {kind}: {message}")
        if len(errors) > 20:
            lines.append(f"    … and {len(errors) - 20} more: SELECT * FROM ingest_errors WHERE NOT article_loaded")
        if warnings:
            lines.append(f"  loaded with warnings {len(warnings):>6,}")
            for warning_path, kind, message in warnings[:20]:
                lines.append(f"    - {warning_path}: {kind}: {message}")
            if len(warnings) > 20:
                lines.append(f"    … and {len(warnings) - 20} more: SELECT * FROM ingest_errors WHERE article_loaded")
        top = con.execute(
            "SELECT entity, max(tokens_per_day) AS peak FROM daily_token_usage GROUP BY entity ORDER BY peak DESC LIMIT 5"
        ).fetchall()
        if top:
            lines.append("  highest daily token usage: " + ", ".join(f"{e} {human(v)}" for e, v in top))
    docs = path.parent / "data_docs" / "index.html"
    if docs.exists():
        lines.append(f"  data quality report: {docs}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.run",
        description="Materialize every asset (articles → facts → family tables) into the DuckDB warehouse "
        "and print a summary. SEEDS_DIR and WAREHOUSE_PATH choose the input folder and the database file.",
        epilog="Runs as the refresh_warehouse job in the Dagster instance at DAGSTER_HOME (listed in `make ui`). "
        "Dead runs are cleaned up first; while a live run holds the writer slot it waits up to "
        "WAREHOUSE_POOL_TIMEOUT seconds (default 300). Exit status: 0 done, 1 a blocking data quality check "
        "failed, 2 the warehouse could not be written, 3 gave up waiting for the writer slot.",
    )
    parser.add_argument("--full-refresh", action="store_true", help="hash every file again and re-extract every article, not only new or changed ones")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args(argv)

    seeds, warehouse = seeds_dir(), warehouse_path()
    if not seeds.is_dir():
        print(f"error: the seeds folder {seeds} does not exist; set SEEDS_DIR to a folder of articles", file=sys.stderr)
        return EXIT_WAREHOUSE_ERROR
    try:
        warehouse.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"error: cannot create {warehouse.parent}: {exc.strerror}; set WAREHOUSE_PATH to a writable file",
              file=sys.stderr)
        return EXIT_WAREHOUSE_ERROR

    import dagster as dg

    from dagster._core.utils import make_new_run_id

    from pipelines.defs import build_definitions
    from pipelines.runs import cli_tags, recover_dead_runs, wait_seconds

    try:
        pool_timeout = wait_seconds()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_WAREHOUSE_ERROR
    print(f"Reading {seeds} → {warehouse}", file=sys.stderr)
    job = build_definitions(seeds, warehouse).resolve_job_def("refresh_warehouse")
    run_id = make_new_run_id()
    # disposed on leaving the block: an ephemeral instance removes its temporary folder then
    with dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral() as instance:
        for recovered in recover_dead_runs(instance):
            print(f"note: {recovered.describe()}", file=sys.stderr)
        watch = PoolWatch(instance, run_id, pool_timeout)
        watch.start()
        try:
            result = job.execute_in_process(
                instance=instance,
                run_id=run_id,
                tags=cli_tags(),
                run_config={
                    "ops": {"facts": {"config": {"full_refresh": args.full_refresh}},
                            "articles": {"config": {"rehash": args.full_refresh}}},
                    "loggers": {"console": {"config": {"log_level": "WARNING" if args.quiet else "INFO"}}},
                },
                raise_on_error=False,
            )
        finally:
            watch.stop()
    failed_checks = [c for c in result.get_asset_check_evaluations() if not c.passed]
    docs = warehouse.parent / "data_docs" / "index.html"
    for check in failed_checks:
        print(f"warning: data quality check {check.check_name} failed on {check.asset_key.to_user_string()}; "
              f"see {docs}", file=sys.stderr)
    blocked = [c for c in failed_checks if c.asset_key.to_user_string() in ("articles", "facts")]
    if blocked:
        print(f"\nerror: a blocking data quality check failed ({', '.join(c.check_name for c in blocked)}), so the "
              "tables downstream of it were not refreshed and still hold the previous load. Open the report "
              f"above, fix the input or the expectation in expectations/, then run again.", file=sys.stderr)
        print()
        print(summary(warehouse))
        return EXIT_CHECK_FAILED
    if not result.success:
        failure = next((e for e in result.all_events if e.is_step_failure), None)
        reason = failure.step_failure_data.error.message.strip() if failure and failure.step_failure_data.error else "unknown"
        print(f"\nerror: the warehouse at {warehouse} could not be updated: {reason}\n"
              "The previous contents are unchanged (each load is one transaction). "
              "Check that WAREHOUSE_PATH is writable and not locked by another writer, then run again.",
              file=sys.stderr)
        return EXIT_WAREHOUSE_ERROR
    print()
    print(summary(warehouse))
    return 0


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}m {seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class PoolWatch(threading.Thread):
    """Watches the run while it waits for the warehouse's pool slot: says which run holds it,
    fails runs whose worker died meanwhile, and gives up after `timeout` seconds with a message
    saying what to do, instead of the executor's silent wait."""

    POLL_SECONDS = 2.0
    REMIND_SECONDS = 30.0

    def __init__(self, instance, run_id: str, timeout: float):
        super().__init__(name="pool-watch", daemon=True)
        self.instance, self.run_id, self.timeout = instance, run_id, timeout
        self._stop_event = threading.Event()

    def stop(self) -> None:
        self._stop_event.set()

    def run(self) -> None:
        from pipelines.runs import pool_holders, recover_dead_runs

        waiting_since = reminded = None
        described = ""
        while not self._stop_event.wait(self.POLL_SECONDS):
            try:
                holders = pool_holders(self.instance, WAREHOUSE_POOL, self.run_id)
                if holders is None:
                    waiting_since = None
                    continue
                for recovered in recover_dead_runs(self.instance, exclude=self.run_id):
                    print(f"note: {recovered.describe()}", file=sys.stderr, flush=True)
                now = time.monotonic()
                if waiting_since is None:
                    waiting_since = reminded = now
                who = ", ".join(h.describe() for h in holders) or "a run that is finishing"
                if who != described:
                    described = who
                    print(f"waiting for the warehouse's writer slot (pool {WAREHOUSE_POOL}), held by {who}; "
                          f"giving up after {_duration(self.timeout)} (WAREHOUSE_POOL_TIMEOUT)", file=sys.stderr, flush=True)
                elif now - reminded >= self.REMIND_SECONDS:
                    reminded = now
                    print(f"still waiting for the writer slot ({_duration(now - waiting_since)} so far), held by {who}",
                          file=sys.stderr, flush=True)
                if now - waiting_since >= self.timeout:
                    self._give_up(who, now - waiting_since)
            except Exception as exc:  # the watch must never take the run down with it
                print(f"warning: could not check the pool slot: {exc}", file=sys.stderr, flush=True)

    def _give_up(self, who: str, waited: float) -> None:
        print(f"\nerror: gave up after {_duration(waited)} waiting for the warehouse's writer slot, held by {who}.\n"
              "If that run is still working, let it finish or wait longer (WAREHOUSE_POOL_TIMEOUT=900 make run). "
              "If it is stuck, terminate it in the Dagster UI (`make ui`, Runs, Terminate), then run again. "
              "The warehouse is unchanged by this attempt.", file=sys.stderr, flush=True)
        run = self.instance.get_run_by_id(self.run_id)
        if run is not None:
            self.instance.report_run_failed(run, f"gave up after {_duration(waited)} waiting for the pool "
                                                 f"{WAREHOUSE_POOL}, held by {who}")
        self.instance.event_log_storage.free_concurrency_slots_for_run(self.run_id)
        exit_now(EXIT_POOL_TIMEOUT)


def exit_now(code: int) -> None:
    """Exit without the interpreter's teardown. By now every file is written and closed (DuckDB
    connections, the Dagster instance, the GX stores); the teardown would only free the objects of
    Great Expectations, pandas and Dagster one by one, ~1.3 s after a refresh that validated rows."""
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
