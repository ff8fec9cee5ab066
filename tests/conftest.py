from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
INSTANCE_CONFIG = ROOT / "pipelines" / "dagster.yaml"
sys.path.insert(0, str(Path(__file__).parent))

# The user's own state, which no test may change: their Dagster instance, warehouse and articles.
PROTECTED = (ROOT / ".dagster_home", ROOT / "warehouse", ROOT / "seeds")


def new_instance_home(folder: Path) -> Path:
    """A Dagster instance folder with the project's settings (pools, run monitoring)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(INSTANCE_CONFIG, folder / "dagster.yaml")
    return folder


# Tests never touch the user's warehouse or Dagster instance: every default points into a
# temporary folder of this session, so a test that forgets to choose paths still cannot.
_SESSION = Path(tempfile.mkdtemp(prefix="ai-metrics-tests-"))
os.environ["DAGSTER_HOME"] = str(new_instance_home(_SESSION / "dagster_home"))
os.environ["WAREHOUSE_PATH"] = str(_SESSION / "warehouse" / "metrics.duckdb")
os.environ["SEEDS_DIR"] = str(_SESSION / "no-seeds-folder")
os.environ["DAGSTER_DISABLE_TELEMETRY"] = "1"


def snapshot(folders=PROTECTED) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file under `folders`, bytecode caches aside."""
    state = {}
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in files:
                path = os.path.join(root, name)
                stat = os.stat(path)
                state[os.path.relpath(path, ROOT)] = (stat.st_size, stat.st_mtime_ns)
    return state


@pytest.fixture(scope="session", autouse=True)
def users_state_is_left_alone():
    """The whole session leaves .dagster_home, warehouse/ and seeds/ exactly as they were."""
    before = snapshot()
    yield
    after = snapshot()
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    assert not changed, f"tests changed the user's files: {changed[:20]}"
    shutil.rmtree(_SESSION, ignore_errors=True)


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seed articles that a test may change."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder
