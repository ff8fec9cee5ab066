"""Build or refresh the warehouse from the command line: every asset, in-process, then a summary.

    python -m pipelines.run                  # SEEDS_DIR → WAREHOUSE_PATH (defaults: seeds/, warehouse/metrics.duckdb)
    python -m pipelines.run --full-refresh   # hash every file again and re-extract every article

The run is recorded in the Dagster instance at DAGSTER_HOME when it is set (`make run` sets it
to .dagster_home), so it shows in `make ui` too.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from warehouse.db import connect, seeds_dir, warehouse_path

EXIT_CHECK_FAILED = 1
EXIT_WAREHOUSE_ERROR = 2


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

        errors = con.execute("SELECT path, kind, message FROM ingest_errors ORDER BY path").fetchall()
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
            lines.append(f"    … and {len(errors) - 20} more: SELECT * FROM ingest_errors")
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

    from pipelines.defs import everything
    from pipelines.defs.resources import default_resources

    print(f"Reading {seeds} → {warehouse}", file=sys.stderr)
    # disposed on leaving the block: an ephemeral instance removes its temporary folder then
    with dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize(
            everything,
            instance=instance,
            resources=default_resources(seeds, warehouse),
            run_config={
                "ops": {"facts": {"config": {"full_refresh": args.full_refresh}},
                        "articles": {"config": {"rehash": args.full_refresh}}},
                "loggers": {"console": {"config": {"log_level": "WARNING" if args.quiet else "INFO"}}},
            },
            raise_on_error=False,
        )
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
