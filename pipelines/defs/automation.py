"""Keeping the warehouse fresh without a click: the refresh job, a daily schedule, and a sensor
that notices new, changed and deleted article files."""

import hashlib
import json
import os

import dagster as dg

from pipelines.extraction.articles import discover

from .resources import SeedsFolder

refresh_warehouse = dg.define_asset_job(
    "refresh_warehouse",
    selection=dg.AssetSelection.all(),
    description="Read the seeds folder, extract facts and update the family tables (incremental by content).",
    executor_def=dg.in_process_executor,
)

daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh",
    job=refresh_warehouse,
    cron_schedule="0 6 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Refresh the warehouse every morning at 06:00 Beijing time.",
)

# The cursor lists every file's size and mtime while the folder is small enough to keep them;
# beyond that only their digest is kept (the articles asset compares content hashes anyway).
CURSOR_FILE_LIMIT = 5000


def folder_state(seeds: SeedsFolder) -> dict[str, str]:
    """{relative path: "size:mtime_ns"} for every article file: cheap, no file is read."""
    folder = seeds.folder()
    if not folder.is_dir():
        return {}
    state = {}
    for relative in discover(folder):
        stat = os.stat(os.path.join(folder, relative))
        state[relative] = f"{stat.st_size}:{stat.st_mtime_ns}"
    return state


def digest(state: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:16]


def describe_changes(before: dict[str, str] | None, after: dict[str, str]) -> dict[str, int]:
    if before is None:
        return {"files": len(after)}
    return {
        "new": len(after.keys() - before.keys()),
        "changed": sum(1 for k in after.keys() & before.keys() if after[k] != before[k]),
        "deleted": len(before.keys() - after.keys()),
    }


def sensor_interval_seconds() -> int:
    """How often the sensor looks at the folder: SEEDS_SENSOR_INTERVAL_SECONDS, 30 by default."""
    raw = os.environ.get("SEEDS_SENSOR_INTERVAL_SECONDS", "30")
    try:
        seconds = int(raw)
    except ValueError:
        raise ValueError(f"SEEDS_SENSOR_INTERVAL_SECONDS={raw!r} is not a whole number of seconds; unset it or set e.g. 30") from None
    if seconds < 1:
        raise ValueError(f"SEEDS_SENSOR_INTERVAL_SECONDS={raw!r} must be at least 1 second")
    return seconds


@dg.sensor(
    name="seeds_folder_sensor",
    job=refresh_warehouse,
    minimum_interval_seconds=sensor_interval_seconds(),
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Requests a refresh when an article file in the seeds folder is added, changed or deleted.",
)
def seeds_folder_sensor(context: dg.SensorEvaluationContext, seeds: SeedsFolder):
    state = folder_state(seeds)
    current = digest(state)
    previous = json.loads(context.cursor) if context.cursor else None
    if previous and previous.get("digest") == current:
        return dg.SkipReason(f"no article changed in {seeds.path} ({len(state):,} files)")
    changes = describe_changes(previous.get("files") if previous else None, state)
    cursor = {"digest": current, "files": state if len(state) <= CURSOR_FILE_LIMIT else None}
    summary = ", ".join(f"{count:,} {kind}" for kind, count in changes.items())
    context.log.info(f"seeds folder changed: {summary}")
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=f"seeds-{current}", tags={"seeds/changes": summary})],
        cursor=json.dumps(cursor),
    )
