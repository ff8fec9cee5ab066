"""The blind batches (tests/fixtures/blind, written by annotators who never saw the extractor):
all of them are built into one warehouse by a real Dagster run, and each is scored with the
project's scorer against its own answer keys. The
floors are the scores reached after each batch's category fixes (LEDGER.md): a change that loses
facts or adds wrong rows on any batch fails here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.evaluate import f1, overall, score
from warehouse_helpers import build

BLIND = Path(__file__).parent / "fixtures" / "blind"
# batch → (F1 floor, precision floor), a little under the scores measured when it was fixed
FLOORS = {"batch1": (0.94, 0.97), "batch2": (0.92, 0.98), "batch3": (0.91, 0.98), "batch4": (0.86, 0.96),
          "batch5": (0.86, 0.98), "batch6": (0.90, 0.98), "batch7": (0.91, 0.99), "batch8": (0.89, 0.99),
          "batch9": (0.92, 0.98), "batch10": (0.94, 0.98), "batch11": (0.88, 0.98),
          "batch12": (0.88, 0.99), "batch13": (0.82, 0.98), "batch14": (0.92, 0.97), "batch15": (0.82, 0.98)}


def test_every_batch_has_a_floor():
    assert sorted(p.name for p in BLIND.iterdir() if p.is_dir()) == sorted(FLOORS)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("blind") / "articles"
    for batch in FLOORS:
        shutil.copytree(BLIND / batch / "articles", seeds / batch)
    path = seeds.parent / "w.duckdb"
    build(seeds, path)
    return path


@pytest.mark.parametrize("batch", sorted(FLOORS))
def test_blind_batch_scores_hold(batch, warehouse):
    scores = score(warehouse, BLIND / batch / "gold")
    precision, recall, _, _ = overall(scores)
    f1_floor, precision_floor = FLOORS[batch]
    misses = [m for s in scores.values() for m in s.misses][:10]
    extras = [x for s in scores.values() for x in s.extras][:10]
    assert precision >= precision_floor, extras
    assert f1(precision, recall) >= f1_floor, misses
