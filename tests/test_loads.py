"""Loads that never lose or duplicate data: a process killed mid-transaction, and two refreshes
started at once against the same warehouse and Dagster instance."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
from dagster._core.instance import InstanceRef

from warehouse_helpers import build, query

ROOT = Path(__file__).resolve().parents[1]
NEW_ARTICLE = "---\ntitle: 快讯\ndate: 2025-03-01\n---\n截至2月底，Kimi日均tokens调用量突破2万亿。\n"


rows = query

FACTS = "SELECT * EXCLUDE (extracted_at) FROM facts ORDER BY fact_id"
FAMILY = ("SELECT 'usage', entity, tokens_per_day, as_of_date FROM daily_token_usage UNION ALL "
          "SELECT 'growth', entity, multiple, as_of_date FROM growth_multiples UNION ALL "
          "SELECT 'price', entity, price_per_million_tokens, as_of_date FROM price_points ORDER BY ALL")


def cli(seeds: Path, warehouse: Path, **env: str) -> subprocess.Popen:
    environment = {**os.environ, "SEEDS_DIR": str(seeds), "WAREHOUSE_PATH": str(warehouse),
                   "DAGSTER_DISABLE_TELEMETRY": "1", **env}
    return subprocess.Popen([sys.executable, "-m", "pipelines.run", "--quiet"], cwd=ROOT, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_load_killed_before_commit_leaves_the_previous_state_and_the_next_run_completes(seeds_copy, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    build(seeds_copy, warehouse)
    facts_before = rows(warehouse, FACTS)
    (seeds_copy / "new.md").write_text(NEW_ARTICLE, encoding="utf-8")

    process = cli(seeds_copy, warehouse, WAREHOUSE_PAUSE_BEFORE_COMMIT="facts")
    deadline = time.monotonic() + 180
    for line in process.stderr:  # wait until the facts transaction is open and written, not committed
        if "paused before committing the facts load" in line or time.monotonic() > deadline:
            break
    assert process.poll() is None, "the run ended before reaching the pause"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    assert rows(warehouse, FACTS) == facts_before  # the killed transaction left no trace
    assert rows(warehouse, "SELECT count(*) FROM facts WHERE entity = 'Kimi'") == [(0,)]

    build(seeds_copy, warehouse)  # the next run completes the load
    clean = tmp_path / "clean.duckdb"
    build(seeds_copy, clean)
    assert rows(warehouse, FACTS) == rows(clean, FACTS)
    assert rows(warehouse, "SELECT tokens_per_day FROM daily_token_usage WHERE entity = 'Kimi'") == [(2e12,)]


def test_two_runs_at_once_serialize_and_leave_a_correct_warehouse(seeds_copy, tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "pipelines" / "dagster.yaml", home / "dagster.yaml")
    # the instance already exists when the schedule and the UI collide (its first user creates its
    # SQLite storage; two brand-new processes would race to create the same tables)
    with dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(home))) as instance:
        instance.get_runs(limit=1)
    (seeds_copy / "new.md").write_text(NEW_ARTICLE, encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"

    first = cli(seeds_copy, warehouse, DAGSTER_HOME=str(home))
    second = cli(seeds_copy, warehouse, DAGSTER_HOME=str(home))
    outputs = [p.communicate(timeout=600) for p in (first, second)]
    for process, (out, err) in zip((first, second), outputs):
        assert process.returncode == 0, err[-3000:]
        assert "daily_token_usage         6" in out

    clean = tmp_path / "clean.duckdb"
    build(seeds_copy, clean)
    assert rows(warehouse, FACTS) == rows(clean, FACTS)
    assert rows(warehouse, FAMILY) == rows(clean, FAMILY)
    assert rows(warehouse, "SELECT count(*), count(DISTINCT article_id) FROM articles") == [(3, 3)]
