"""The sensor and the schedule, evaluated with Dagster's own test contexts."""

from __future__ import annotations

import json
import os
import time
from datetime import datetime, timezone

import dagster as dg
import pytest

from pipelines.defs import build_definitions
from pipelines.defs.automation import daily_refresh, seeds_folder_sensor
from pipelines.defs.resources import SeedsFolder


def tick(seeds, cursor=None):
    context = dg.build_sensor_context(cursor=cursor, resources={"seeds": SeedsFolder(path=str(seeds))})
    return seeds_folder_sensor(context)


def test_sensor_requests_one_run_per_folder_state(seeds_copy):
    first = tick(seeds_copy)
    assert isinstance(first, dg.SensorResult) and len(first.run_requests) == 1
    again = tick(seeds_copy)  # same folder, no cursor: the same run_key, so Dagster starts it once
    assert again.run_requests[0].run_key == first.run_requests[0].run_key
    assert json.loads(first.cursor)["files"].keys() == {"000_df353a59485ac43f.txt", "002_86cffc0c2b34d3b3.txt"}

    unchanged = tick(seeds_copy, first.cursor)
    assert isinstance(unchanged, dg.SkipReason)


def test_sensor_sees_new_changed_and_deleted_files(seeds_copy):
    cursor = tick(seeds_copy).cursor
    (seeds_copy / "new.md").write_text("---\ndate: 2025-01-01\n---\n正文\n", encoding="utf-8")
    added = tick(seeds_copy, cursor)
    assert added.run_requests[0].tags["seeds/changes"] == "1 new, 0 changed, 0 deleted"

    changed_file = seeds_copy / "000_df353a59485ac43f.txt"
    stat = changed_file.stat()
    changed_file.write_text(changed_file.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    os.utime(changed_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    changed = tick(seeds_copy, added.cursor)
    assert changed.run_requests[0].tags["seeds/changes"] == "0 new, 1 changed, 0 deleted"

    (seeds_copy / "new.md").unlink()
    deleted = tick(seeds_copy, changed.cursor)
    assert deleted.run_requests[0].tags["seeds/changes"] == "0 new, 0 changed, 1 deleted"
    run_keys = {r.run_requests[0].run_key for r in (added, changed, deleted)}
    assert len(run_keys) == 3


def test_sensor_ignores_the_folder_mtime_and_hidden_files(seeds_copy):
    cursor = tick(seeds_copy).cursor
    (seeds_copy / ".DS_Store").write_bytes(b"\x00")
    (seeds_copy / "notes.json").write_text("{}")
    os.utime(seeds_copy, (time.time() + 60, time.time() + 60))
    assert isinstance(tick(seeds_copy, cursor), dg.SkipReason)


def test_schedule_runs_the_refresh_job_every_morning():
    defs = build_definitions()
    schedule = defs.resolve_schedule_def("daily_refresh")
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2025, 3, 1, 22, 0, tzinfo=timezone.utc))
    requests = list(daily_refresh.evaluate_tick(context).run_requests)
    assert len(requests) == 1 and requests[0].job_name in (None, "refresh_warehouse")
    assert defs.resolve_sensor_def("seeds_folder_sensor").default_status == dg.DefaultSensorStatus.RUNNING


def test_family_tables_declare_freshness():
    defs = build_definitions()
    graph = defs.resolve_asset_graph()
    for table in ("daily_token_usage", "growth_multiples", "price_points"):
        node = graph.get(dg.AssetKey(table))
        assert node.freshness_policy is not None


def test_dagster_project_tooling_loads_the_definitions():
    """`dg check defs` from the project root, without flags, as a user would run it."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    dg = Path(sys.executable).with_name("dg")
    result = subprocess.run([str(dg), "check", "defs"], cwd=root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "All definitions loaded successfully" in result.stdout + result.stderr
    listed = subprocess.run([str(dg), "list", "defs"], cwd=root, capture_output=True, text=True, timeout=300)
    assert listed.returncode == 0 and "refresh_warehouse" in listed.stdout, listed.stderr[-2000:]


@pytest.mark.parametrize("raw, expected", [(None, 30), ("5", 5), ("abc", ValueError), ("0", ValueError)])
def test_the_sensor_interval_comes_from_the_environment(monkeypatch, raw, expected):
    from pipelines.defs.automation import sensor_interval_seconds

    if raw is None:
        monkeypatch.delenv("SEEDS_SENSOR_INTERVAL_SECONDS", raising=False)
    else:
        monkeypatch.setenv("SEEDS_SENSOR_INTERVAL_SECONDS", raw)
    if expected is ValueError:
        with pytest.raises(ValueError, match="SEEDS_SENSOR_INTERVAL_SECONDS"):
            sensor_interval_seconds()
    else:
        assert sensor_interval_seconds() == expected
