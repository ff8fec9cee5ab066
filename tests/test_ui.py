"""`dagster dev` for real: the code location loads, the asset graph is served, and the refresh
job launched through the webserver's API (what the Launch button calls) succeeds."""

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
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
DAGSTER = Path(sys.executable).with_name("dagster")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _graphql(port: int, query: str, variables: dict | None = None) -> dict:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        payload = json.loads(response.read())
    assert "errors" not in payload, payload
    return payload["data"]


@pytest.fixture
def dagster_dev(tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / ".dagster_home" / "dagster.yaml", home / "dagster.yaml")
    port = _free_port()
    warehouse = tmp_path / "ui.duckdb"
    env = {**os.environ, "DAGSTER_HOME": str(home), "WAREHOUSE_PATH": str(warehouse),
           "SEEDS_DIR": str(ROOT / "seeds"), "DAGSTER_DISABLE_TELEMETRY": "1"}
    log = open(tmp_path / "dagster_dev.log", "w")
    process = subprocess.Popen(
        [str(DAGSTER), "dev", "-h", "127.0.0.1", "-p", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
        # dagster dev ignores SIGTERM when started with SIGINT ignored (as from a script)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("dagster dev did not start:\n" + (tmp_path / "dagster_dev.log").read_text()[-3000:])
                time.sleep(1)
        yield port, warehouse
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def test_dagster_dev_serves_the_graph_and_runs_the_job(dagster_dev):
    port, warehouse = dagster_dev
    deadline = time.monotonic() + 120
    while True:  # the code location loads in the background
        nodes = _graphql(port, "{ assetNodes { assetKey { path } } }")["assetNodes"]
        if nodes or time.monotonic() > deadline:
            break
        time.sleep(1)
    keys = {"/".join(n["assetKey"]["path"]) for n in nodes}
    assert keys >= {"articles", "ingest_errors", "facts", "daily_token_usage", "growth_multiples", "price_points"}

    location = _graphql(port, "{ workspaceOrError { ... on Workspace { locationEntries { name } } } }")
    location_name = location["workspaceOrError"]["locationEntries"][0]["name"]
    launched = _graphql(port, """
        mutation($params: ExecutionParams!) {
          launchRun(executionParams: $params) {
            __typename
            ... on LaunchRunSuccess { run { runId } }
            ... on PythonError { message }
          }
        }""", {"params": {"selector": {"repositoryLocationName": location_name, "repositoryName": "__repository__",
                                       "jobName": "refresh_warehouse"}, "runConfigData": {}}})["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["run"]["runId"]
    deadline = time.monotonic() + 180
    status = None
    while time.monotonic() < deadline:
        status = _graphql(port, "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }",
                          {"id": run_id})["runOrError"]["status"]
        if status in ("SUCCESS", "FAILURE", "CANCELED"):
            break
        time.sleep(1)
    assert status == "SUCCESS"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM daily_token_usage").fetchall()[0][0] == 6
