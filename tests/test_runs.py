"""Runs that never hang: a killed run's pool slot is freed unattended, waiting for a live run is
visible and bounded, and none of it touches the user's own Dagster instance."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.events import DagsterEventType
from dagster._core.instance import InstanceRef
from dagster._core.storage.dagster_run import DagsterRunStatus

from conftest import ROOT, new_instance_home, snapshot
from dagster_dev import dagster_dev_server, graphql, rows, runs, wait_for
from warehouse_helpers import build, query

POOL = "duckdb_warehouse"
NEW_ARTICLE = "---\ntitle: 快讯\ndate: 2025-03-01\n---\n截至2月底，Kimi日均tokens调用量突破2万亿。\n"
FAMILY = ("SELECT 'usage', entity, tokens_per_day, as_of_date FROM daily_token_usage UNION ALL "
          "SELECT 'growth', entity, multiple, as_of_date FROM growth_multiples UNION ALL "
          "SELECT 'price', entity, price_per_million_tokens, as_of_date FROM price_points ORDER BY ALL")


def instance_home(tmp_path: Path) -> Path:
    home = new_instance_home(tmp_path / "dagster_home")
    with dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(home))) as instance:
        instance.get_runs(limit=1)  # create its storage once, as `make env` does
    return home


def start(command: list[str], home: Path, seeds: Path, warehouse: Path, **env: str) -> subprocess.Popen:
    environment = {**os.environ, "DAGSTER_HOME": str(home), "SEEDS_DIR": str(seeds),
                   "WAREHOUSE_PATH": str(warehouse), **env}
    return subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def wait_for_line(process: subprocess.Popen, text: str, timeout: float = 240) -> list[str]:
    seen, deadline = [], time.monotonic() + timeout
    for line in process.stderr:
        seen.append(line)
        if text in line or time.monotonic() > deadline:
            break
    assert process.poll() is None and text in "".join(seen[-1:]), "".join(seen)[-3000:]
    return seen


def cli(seeds: Path, warehouse: Path, home: Path, **env: str) -> subprocess.Popen:
    return start([sys.executable, "-m", "pipelines.run"], home, seeds, warehouse, **env)


def instance_at(home: Path) -> dg.DagsterInstance:
    return dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(home)))


def slot_holders(home: Path) -> set[str]:
    with instance_at(home) as instance:
        return {c.run_id for c in instance.event_log_storage.get_concurrency_info(POOL).claimed_slots}


def test_after_kill_9_of_make_run_the_next_make_run_cleans_up_and_loads_everything(seeds_copy, tmp_path):
    users_instance = snapshot([ROOT / ".dagster_home"])
    home = instance_home(tmp_path)
    warehouse = tmp_path / "w.duckdb"
    (seeds_copy / "new.md").write_text(NEW_ARTICLE, encoding="utf-8")

    killed = start(["make", "--no-print-directory", "run"], home, seeds_copy, warehouse,
                   WAREHOUSE_PAUSE_BEFORE_COMMIT="facts")
    wait_for_line(killed, "paused before committing the facts load")
    os.killpg(killed.pid, signal.SIGKILL)  # make, uv and python: the whole process group
    killed.wait(timeout=30)

    with instance_at(home) as instance:
        (dead,) = instance.get_runs()
    assert dead.status == DagsterRunStatus.STARTED and dead.job_name == "refresh_warehouse"
    assert dead.tags["launched_by"] == "cli"
    assert slot_holders(home) == {dead.run_id}  # the state that used to block every later run

    again = subprocess.run(["make", "--no-print-directory", "run"], cwd=ROOT, capture_output=True, text=True,
                           timeout=300, env={**os.environ, "DAGSTER_HOME": str(home), "SEEDS_DIR": str(seeds_copy),
                                             "WAREHOUSE_PATH": str(warehouse)})
    assert again.returncode == 0, again.stderr[-3000:]
    assert f"cleaned up run {dead.run_id[:8]} (refresh_warehouse)" in again.stderr
    assert "articles                  3" in again.stdout

    with instance_at(home) as instance:
        assert instance.get_run_by_id(dead.run_id).status == DagsterRunStatus.FAILURE
        latest = instance.get_runs(limit=1)[0]
    assert latest.status == DagsterRunStatus.SUCCESS and latest.job_name == "refresh_warehouse"
    assert slot_holders(home) == set()
    clean = tmp_path / "clean.duckdb"
    build(seeds_copy, clean)
    assert query(warehouse, FAMILY) == query(clean, FAMILY)
    assert snapshot([ROOT / ".dagster_home"]) == users_instance


def test_a_live_run_holding_the_slot_is_named_and_the_wait_is_bounded(seeds_copy, tmp_path):
    home = instance_home(tmp_path)
    warehouse = tmp_path / "w.duckdb"
    holder = cli(seeds_copy, warehouse, home, WAREHOUSE_PAUSE_BEFORE_COMMIT="facts")
    try:
        wait_for_line(holder, "paused before committing the facts load")
        (holder_run,) = slot_holders(home)
        started = time.monotonic()
        waiting = cli(seeds_copy, warehouse, home, WAREHOUSE_POOL_TIMEOUT="6")
        out, err = waiting.communicate(timeout=180)
        assert waiting.returncode == 3, err[-3000:]
        assert time.monotonic() - started < 120
        assert f"held by run {holder_run[:8]} (refresh_warehouse" in err
        assert "gave up after" in err and "WAREHOUSE_POOL_TIMEOUT" in err
        assert holder.poll() is None  # the live run was left alone
        assert slot_holders(home) == {holder_run}
    finally:
        os.killpg(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)


def test_a_sensor_run_whose_worker_was_killed_never_blocks_the_next_one(tmp_path):
    """Through the daemon: the first sensor run pauses mid-load and its worker is killed; run
    monitoring fails it, its slot is freed, and the sensor's next run completes."""
    flag = tmp_path / "paused-once"
    with dagster_dev_server(tmp_path, WAREHOUSE_PAUSE_BEFORE_COMMIT="facts", SEEDS_SENSOR_INTERVAL_SECONDS="5",
                            WAREHOUSE_PAUSE_ONCE_FILE=str(flag)) as server:
        def sensor_runs():
            return [r for r in runs(server.port) if any(t["key"] == "dagster/sensor_name" for t in r["tags"])]

        wait_for(flag.exists, 240, "the sensor's first run to pause mid-load")
        (first,) = sensor_runs()
        with instance_at(server.home) as instance:
            events = instance.all_logs(first["runId"], of_type=DagsterEventType.ENGINE_EVENT)
        pids = [e.dagster_event.engine_event_data.metadata["pid"].value for e in events
                if "pid" in (e.dagster_event.engine_event_data.metadata or {})]
        assert pids, "the run worker records its pid"
        os.kill(int(pids[0]), signal.SIGKILL)

        wait_for(lambda: [r for r in sensor_runs() if r["runId"] == first["runId"] and r["status"] == "FAILURE"],
                 120, "the killed run to be marked failed")
        (server.seeds / "kimi.md").write_text(NEW_ARTICLE, encoding="utf-8")
        second = wait_for(lambda: [r for r in sensor_runs() if r["runId"] != first["runId"]
                                   and r["status"] in ("SUCCESS", "FAILURE", "CANCELED")], 240,
                          "the sensor's next run to finish", interval=2)
        assert second[0]["status"] == "SUCCESS", server.log.read_text()[-3000:]
        assert rows(server.warehouse, "SELECT tokens_per_day FROM daily_token_usage WHERE entity = 'Kimi'") == [(2e12,)]
        with instance_at(server.home) as instance:
            assert instance.event_log_storage.get_concurrency_info(POOL).claimed_slots == []


@pytest.mark.parametrize("recorded_by, status", [("cli", "alive"), ("cli", "dead"),
                                                 ("launcher", "alive"), ("launcher", "dead")])
def test_the_launchers_health_check_tells_a_live_worker_from_a_dead_one(tmp_path, recorded_by, status):
    """A command-line run names its worker in its tags, before it creates the run; a launched run's
    worker starts after the run was created and records its pid in an engine event."""
    from dagster._core.events import EngineEventData
    from dagster._core.launcher import WorkerStatus

    from pipelines.runs import WORKER_PID_TAG, WorkerCheckingRunLauncher, cli_tags

    with instance_at(instance_home(tmp_path)) as instance:
        launcher = instance.run_launcher
        assert isinstance(launcher, WorkerCheckingRunLauncher) and launcher.supports_check_run_worker_health
        job = dg.GraphDefinition("noop").to_job()
        if recorded_by == "cli":
            worker = subprocess.Popen(["sleep", "60"])
            time.sleep(1.5)
            run = instance.create_run_for_job(job, tags={**cli_tags(), WORKER_PID_TAG: str(worker.pid)})
        else:
            run = instance.create_run_for_job(job)
            time.sleep(1.5)
            worker = subprocess.Popen(["sleep", "60"])
            instance.report_engine_event(f"Started process for run (pid: {worker.pid}).", run,
                                         EngineEventData.in_process(worker.pid))
        if status == "dead":
            worker.kill()
            worker.wait()
        health = launcher.check_run_worker_health(run)
    worker.kill()
    worker.wait()
    assert health.status == (WorkerStatus.RUNNING if status == "alive" else WorkerStatus.FAILED), health
