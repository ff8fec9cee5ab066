"""`dagster dev` for the tests: a real webserver, daemon and code server on a free port, with a
temporary DAGSTER_HOME, seeds folder and warehouse; stopped by process group."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from conftest import new_instance_home

ROOT = Path(__file__).resolve().parents[1]
DAGSTER = Path(sys.executable).with_name("dagster")


@dataclass
class Server:
    port: int
    seeds: Path
    warehouse: Path
    folder: Path
    home: Path
    log: Path

    def __iter__(self):  # port, seeds, warehouse, folder
        return iter((self.port, self.seeds, self.warehouse, self.folder))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def graphql(port: int, query: str, variables: dict | None = None) -> dict:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        payload = json.loads(response.read())
    assert "errors" not in payload, payload
    return payload["data"]


def runs(port: int) -> list[dict]:
    data = graphql(port, "{ runsOrError { ... on Runs { results { runId status jobName tags { key value } } } } }")
    return data["runsOrError"]["results"]


def wait_for(condition, timeout: float, what: str, interval: float = 1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def rows(warehouse: Path, sql: str) -> list[tuple]:
    if not warehouse.exists():
        return []
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute(sql).fetchall()
    except (duckdb.IOException, duckdb.CatalogException):
        return []  # a refresh holds the lock, or the tables are not there yet


@contextmanager
def dagster_dev_server(tmp_path: Path, **env: str):
    home = new_instance_home(tmp_path / "dagster_home")
    seeds = tmp_path / "seeds"
    if not seeds.exists():
        shutil.copytree(ROOT / "seeds", seeds)
    warehouse = tmp_path / "warehouse" / "metrics.duckdb"
    port = free_port()
    environment = {**os.environ, "DAGSTER_HOME": str(home), "WAREHOUSE_PATH": str(warehouse),
                   "SEEDS_DIR": str(seeds), "DAGSTER_DISABLE_TELEMETRY": "1", **env}
    log_path = tmp_path / "dagster_dev.log"
    log = open(log_path, "w")
    process = subprocess.Popen(
        [str(DAGSTER), "dev", "-h", "127.0.0.1", "-p", str(port)],
        cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        # dagster dev ignores SIGINT/SIGTERM when started with SIGINT ignored, as from a script
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )

    def serving():
        if process.poll() is not None:
            pytest.fail("dagster dev exited:\n" + log_path.read_text()[-3000:])
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=5):
                return True
        except OSError:
            return False

    try:
        wait_for(serving, 120, "dagster dev to serve")
        wait_for(lambda: graphql(port, "{ assetNodes { id } }")["assetNodes"], 120, "the code location to load")
        yield Server(port, seeds, warehouse, tmp_path, home, log_path)
    finally:
        os.killpg(process.pid, signal.SIGINT)  # the whole group: webserver, daemon, code server
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
