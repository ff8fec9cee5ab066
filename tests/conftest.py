from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(Path(__file__).parent))

# Tests never touch the user's warehouse or Dagster instance.
os.environ.pop("WAREHOUSE_PATH", None)
os.environ.pop("SEEDS_DIR", None)
os.environ["DAGSTER_DISABLE_TELEMETRY"] = "1"


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seed articles that a test may change."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder
