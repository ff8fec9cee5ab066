"""Refreshes in one long-lived process, where Dagster, the definitions and Great Expectations
are imported once: what a refresh costs once the fixed start-up costs are paid.

    python -m bench.warm <articles folder> <warehouse file>

Prints one JSON object: the wall time of a refresh with nothing changed (Dagster's own per-run
orchestration plus each step's bookkeeping), and of a refresh after adding one article, each the
median of three, in a process that has already run the pipeline once. Leaves the folder and the
warehouse as it found them.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

NEW_ARTICLE = "---\ntitle: 快讯\ndate: 2025-06-01\nsource: bench\n---\n截至5月，Kimi日均tokens调用量突破{n}万亿。\n"


def main(folder: Path, warehouse: Path) -> dict:
    import dagster as dg

    from pipelines.defs import everything
    from pipelines.defs.resources import default_resources

    def refresh() -> float:
        with dg.DagsterInstance.ephemeral() as instance:
            started = time.perf_counter()
            result = dg.materialize(everything, instance=instance, resources=default_resources(folder, warehouse),
                                    run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}},
                                    raise_on_error=False)
            if not result.success:
                raise SystemExit("a warm refresh failed")
            return time.perf_counter() - started

    extra = folder / "zz_warm.md"
    refresh()  # warm: imports, GX context, DuckDB
    unchanged, added = [], []
    try:
        for n in (2, 3, 4):  # a different article each time: new content, new facts to validate
            extra.write_text(NEW_ARTICLE.format(n=n), encoding="utf-8")
            added.append(refresh())
            extra.unlink()
            refresh()  # retires the article's rows again
            unchanged.append(refresh())
    finally:
        if extra.exists():
            extra.unlink()
            refresh()
        (folder / ".complete").touch()
    return {"warm_unchanged_s": round(statistics.median(unchanged), 2),
            "warm_one_new_article_s": round(statistics.median(added), 2)}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
