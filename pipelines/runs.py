"""Runs that never hang: finding runs whose worker died, failing them and freeing their pool slots.

A run killed mid-load (`kill -9`, an OOM kill, a power cut) stays STARTED in the Dagster instance
and keeps its `duckdb_warehouse` pool slot; every later run would then wait for that slot forever.
Its data is safe (each load is one transaction); what must be repaired is the instance.

- Every run knows its worker: command-line runs carry the worker's pid and host as tags (see
  `cli_tags`); runs launched by the daemon record their pid in Dagster's own engine event
  "Started process for run (pid: …)".
- `WorkerCheckingRunLauncher` lets Dagster's run monitoring (enabled in dagster.yaml) ask whether
  that worker is alive, so the daemon fails dead runs unattended; the daemon then frees their slots
  (`free_slots_after_run_end_seconds`).
- `recover_dead_runs` does the same from the command line before a run starts, for users who never
  start the daemon.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime

import dagster as dg
from dagster._core.events import DagsterEventType
from dagster._core.launcher import CheckRunHealthResult, DefaultRunLauncher, WorkerStatus
from dagster._core.storage.dagster_run import FINISHED_STATUSES, DagsterRunStatus, RunsFilter

WORKER_PID_TAG = "ai_metrics/worker_pid"
WORKER_HOST_TAG = "ai_metrics/worker_host"
LAUNCHED_BY_TAG = "launched_by"

# statuses in which a run may hold a pool slot while its worker is gone
IN_FLIGHT = [DagsterRunStatus.STARTING, DagsterRunStatus.STARTED, DagsterRunStatus.CANCELING]


def cli_tags() -> dict[str, str]:
    """Tags of a run executed in this process by the command line."""
    return {LAUNCHED_BY_TAG: "cli", WORKER_PID_TAG: str(os.getpid()), WORKER_HOST_TAG: socket.gethostname()}


@dataclass(frozen=True)
class Worker:
    pid: int
    host: str | None  # None: the run's own machine (a run launched by this instance's daemon)
    # when the worker was known to be running (epoch seconds): a process with its pid that started
    # later is another process, the pid having been reused
    seen_at: float | None = None


def worker_of(instance: dg.DagsterInstance, run: dg.DagsterRun) -> Worker | None:
    """The process that executes `run`: from its tags, else from Dagster's engine event."""
    if WORKER_PID_TAG in run.tags:  # set by the worker itself before it created the run
        try:
            return Worker(int(run.tags[WORKER_PID_TAG]), run.tags.get(WORKER_HOST_TAG), _created(instance, run.run_id))
        except ValueError:
            return None
    records = instance.get_records_for_run(run.run_id, of_type=DagsterEventType.ENGINE_EVENT, limit=50).records
    for record in records:
        data = record.event_log_entry.dagster_event.engine_event_data if record.event_log_entry.dagster_event else None
        pid = data.metadata.get("pid") if data and data.metadata else None
        if pid is not None:
            try:
                return Worker(int(getattr(pid, "value", pid)), None, record.event_log_entry.timestamp)
            except (TypeError, ValueError):
                continue
    return None


def _process_started_at(pid: int) -> float | None:
    """When process `pid` started (epoch seconds), from /proc; None where /proc is not there."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as file:
            fields = file.read().rsplit(b")", 1)[1].split()
        with open("/proc/stat", "rb") as file:
            boot = next(int(line.split()[1]) for line in file if line.startswith(b"btime"))
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, StopIteration):
        return None


def worker_alive(worker: Worker) -> bool | None:
    """Whether the worker still runs: True, False, or None when it cannot be told from here
    (another host). A pid the system has since given to a process younger than the run is dead."""
    if worker.host and worker.host != socket.gethostname():
        return None
    try:
        os.kill(worker.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, owned by someone else
    started = _process_started_at(worker.pid)
    if started is not None and worker.seen_at is not None and started > worker.seen_at + 1:
        return False  # the pid was reused
    return True


def _created(instance: dg.DagsterInstance, run_id: str) -> float | None:
    record = instance.get_run_record_by_id(run_id)
    return record.create_timestamp.timestamp() if record and record.create_timestamp else None


@dataclass(frozen=True)
class Recovered:
    run_id: str
    job_name: str
    worker: Worker
    slots_freed: bool

    def describe(self) -> str:
        return (f"cleaned up run {self.run_id[:8]} ({self.job_name}): its worker, pid {self.worker.pid}, is gone; "
                f"marked it failed" + (" and freed its pool slot" if self.slots_freed else ""))


def fail_dead_run(instance: dg.DagsterInstance, run: dg.DagsterRun, worker: Worker) -> Recovered:
    """Mark a run whose worker died as failed and free the concurrency slots it holds."""
    message = (f"The run's worker (pid {worker.pid}{' on ' + worker.host if worker.host else ''}) is gone: it was "
               "killed or crashed. Marked failed so that its pool slot is freed; the warehouse is unchanged by it "
               "(each load is one transaction).")
    instance.report_run_failed(run, message)
    held = _slot_holders(instance)
    instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
    return Recovered(run.run_id, run.job_name, worker, run.run_id in held)


def _slot_holders(instance: dg.DagsterInstance) -> set[str]:
    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits:
        return set()
    return set(storage.get_concurrency_run_ids())


def recover_dead_runs(instance: dg.DagsterInstance, exclude: str | None = None) -> list[Recovered]:
    """Fail every in-flight run of the instance whose worker is known to be gone, and free the
    slots still held by runs that have finished (a run failed by a code server whose daemon was not
    running keeps them). Runs whose worker cannot be checked from here are left alone."""
    recovered = []
    for run in instance.get_runs(filters=RunsFilter(statuses=IN_FLIGHT)):
        if run.run_id == exclude:
            continue
        worker = worker_of(instance, run)
        if worker is None and run.status == DagsterRunStatus.STARTING:
            continue  # not started yet: the daemon's start timeout covers it
        if worker is not None and worker_alive(worker) is False:
            recovered.append(fail_dead_run(instance, run, worker))
    held = _slot_holders(instance) - {exclude}
    if held:
        for run in instance.get_runs(filters=RunsFilter(run_ids=list(held), statuses=list(FINISHED_STATUSES))):
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
    return recovered


@dataclass(frozen=True)
class Holder:
    run_id: str
    job_name: str
    status: str
    launched_by: str
    started: str
    worker: Worker | None

    def describe(self) -> str:
        worker = f", pid {self.worker.pid}" if self.worker else ""
        return f"run {self.run_id[:8]} ({self.job_name}, {self.status.lower()} since {self.started}, " \
               f"launched by {self.launched_by}{worker})"


def pool_holders(instance: dg.DagsterInstance, pool: str, waiting_run: str) -> list[Holder] | None:
    """The other runs holding `pool`'s slots while `waiting_run` has a step waiting for one;
    None when `waiting_run` is not waiting."""
    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits:
        return None
    info = storage.get_concurrency_info(pool)
    mine = [p for p in info.pending_steps if p.run_id == waiting_run and p.assigned_timestamp is None]
    if not mine or any(c.run_id == waiting_run for c in info.claimed_slots):
        return None
    holders = []
    for run_id in dict.fromkeys(c.run_id for c in info.claimed_slots if c.run_id != waiting_run):
        run = instance.get_run_by_id(run_id)
        record = instance.get_run_record_by_id(run_id)
        started = record.start_time or (record.create_timestamp.timestamp() if record and record.create_timestamp else None)
        holders.append(Holder(
            run_id, run.job_name if run else "?", run.status.value if run else "UNKNOWN",
            (run.tags.get(LAUNCHED_BY_TAG) or ("sensor" if run and "dagster/sensor_name" in run.tags else
             "schedule" if run and "dagster/schedule_name" in run.tags else "ui")) if run else "?",
            datetime.fromtimestamp(started).strftime("%H:%M:%S") if started else "?",
            worker_of(instance, run) if run else None,
        ))
    return holders


class WorkerCheckingRunLauncher(DefaultRunLauncher):
    """Dagster's default launcher, plus the worker health check that run monitoring needs: the
    daemon asks it, every `poll_interval_seconds`, whether each STARTED run's worker still exists,
    and fails the run when it does not. Configured in dagster.yaml (`run_launcher`)."""

    @property
    def supports_check_run_worker_health(self) -> bool:
        return True

    def check_run_worker_health(self, run: dg.DagsterRun) -> CheckRunHealthResult:
        worker = worker_of(self._instance, run)
        if worker is None:  # nothing recorded: never fail a run on a guess
            return CheckRunHealthResult(WorkerStatus.RUNNING, "no worker pid recorded for the run")
        alive = worker_alive(worker)
        if alive is False:
            return CheckRunHealthResult(WorkerStatus.FAILED, f"worker process {worker.pid} is gone")
        return CheckRunHealthResult(WorkerStatus.RUNNING, f"worker process {worker.pid} is running")


def wait_seconds(default: float = 300.0) -> float:
    """How long a command-line run waits for the warehouse's pool slot (WAREHOUSE_POOL_TIMEOUT)."""
    value = os.environ.get("WAREHOUSE_POOL_TIMEOUT")
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        raise ValueError(f"WAREHOUSE_POOL_TIMEOUT={value!r} is not a number of seconds") from None
