"""`make bench`: how the pipeline scales, measured as ratios within one run plus absolute figures.

    python -m bench.run                    # 1k and 10k articles
    python -m bench.run --sizes 1000       # a quick look
    python -m bench.run --sizes 1000,10000,100000

Measures extraction throughput (one core, all cores) against a floor (reading the same files and
one regex scan) and on the repository's real-style articles, the fixed costs every run pays
(Dagster start-up, importing Great Expectations), the full build (parse → validate → load) wall
time and peak RSS, refreshes with nothing new and after adding one article (as a fresh process, as
`make run` does, and in a warm long-lived process), load throughput
against DuckDB's own insert, query latency of the marts, and precision/recall against the
generator's planted facts. Writes bench/RESULTS.md (keeping its "## Notes" section) and
bench/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / ".work"
CORPUS = ROOT / "bench" / ".corpus"
SEED = 7

# Runs a command as its only child and prints the child's peak RSS: one fresh wrapper per
# measurement, so RUSAGE_CHILDREN is that command's alone.
_RSS_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:])
wall = time.perf_counter() - start
print(f"__bench__ {code} {wall:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", flush=True)
"""


def corpus(size: int) -> Path:
    from bench.generate import generate

    folder = CORPUS / str(size)
    started = time.perf_counter()
    generate(size, SEED, folder)
    print(f"  corpus of {size:,} articles ready in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.md"))


def _extract_files(paths: list[str]) -> tuple[int, int]:
    from pipelines.extraction.articles import parse_article
    from pipelines.extraction.facts import extract_facts

    size = facts = 0
    for path in paths:
        raw = Path(path).read_bytes()
        size += len(raw)
        facts += len(extract_facts(parse_article(raw, Path(path).name)))
    return size, facts


def _floor_files(paths: list[str]) -> int:
    """The limit: read the same files and run one simple regex scan over them."""
    pattern = re.compile(r"\d+(?:\.\d+)?")
    count = 0
    for path in paths:
        count += len(pattern.findall(Path(path).read_bytes().decode("utf-8")))
    return count


def extraction_throughput(folder: Path) -> dict:
    paths = [str(p) for p in _files(folder)]
    _extract_files(paths[:50])  # warm up: regexes, registry, pint
    started = time.perf_counter()
    size, facts = _extract_files(paths)
    one_core = time.perf_counter() - started
    started = time.perf_counter()
    _floor_files(paths)
    floor = time.perf_counter() - started
    cores = os.cpu_count() or 1
    chunks = [paths[i::cores * 4] for i in range(cores * 4)]
    with ProcessPoolExecutor(cores, mp_context=get_context("spawn")) as pool:
        list(pool.map(_extract_files, [c[:20] for c in chunks[:cores]]))  # warm each worker
        started = time.perf_counter()
        list(pool.map(_extract_files, chunks))
        all_cores = time.perf_counter() - started
    mb = size / 1e6
    return {
        "articles": len(paths), "megabytes": round(mb, 2), "facts": facts, "cores": cores,
        "one_core_s": round(one_core, 2), "one_core_mb_s": round(mb / one_core, 2),
        "one_core_facts_s": round(facts / one_core), "all_cores_s": round(all_cores, 2),
        "all_cores_mb_s": round(mb / all_cores, 2), "floor_s": round(floor, 3),
        "floor_mb_s": round(mb / floor, 1), "extraction_to_floor": round(one_core / floor, 1),
    }


def real_text_throughput(repeat: int = 20) -> dict:
    """Extraction on the real-style articles in the repository (the seeds, the test fixtures and
    the blind batches, written the way the press writes, with their prose: press density), for
    comparison with the generated corpus, whose facts are several times denser."""
    from pipelines.extraction.articles import parse_article
    from pipelines.extraction.facts import extract_facts

    paths = sorted((ROOT / "seeds").glob("*")) + sorted(p for p in (ROOT / "tests" / "fixtures" / "articles").glob("*.md")
                                                        if p.name != "README.md") \
        + sorted((ROOT / "tests" / "fixtures" / "blind").glob("batch*/articles/*.md"))  # press density
    raws = [(p.read_bytes(), p.name) for p in paths]
    for raw, name in raws:  # warm up
        extract_facts(parse_article(raw, name))
    started = time.perf_counter()
    facts = sum(len(extract_facts(parse_article(raw, name))) for _ in range(repeat) for raw, name in raws)
    elapsed = time.perf_counter() - started
    size = sum(len(raw) for raw, _ in raws) * repeat
    return {"articles": len(raws), "megabytes": round(size / repeat / 1e6, 3), "mb_s": round(size / 1e6 / elapsed, 2),
            "facts_s": round(facts / elapsed), "bytes_per_fact": round(size / max(facts, 1))}


def gx_import() -> float:
    """Importing Great Expectations, paid by every run that validates anything."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import great_expectations"], cwd=ROOT, check=True)
    base = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], cwd=ROOT, check=True)
    return round((base - started) - (time.perf_counter() - base), 1)


def _measured(command: list[str], env: dict) -> tuple[int, float, int]:
    out = subprocess.run([sys.executable, "-c", _RSS_WRAPPER, *command], env=env, cwd=ROOT,
                         capture_output=True, text=True)
    line = next(l for l in out.stdout.splitlines() if l.startswith("__bench__"))
    _, code, wall, rss_kb = line.split()
    if int(code) != 0:
        print(out.stdout[-2000:], out.stderr[-4000:], file=sys.stderr)
    return int(code), float(wall), int(rss_kb) * 1024


def full_build(folder: Path, warehouse: Path) -> dict:
    if warehouse.parent.exists():
        shutil.rmtree(warehouse.parent)
    env = {**os.environ, "SEEDS_DIR": str(folder), "WAREHOUSE_PATH": str(warehouse), "DAGSTER_DISABLE_TELEMETRY": "1"}
    env.pop("DAGSTER_HOME", None)
    code, wall, rss = _measured([sys.executable, "-m", "pipelines.run", "--quiet"], env)
    return {"exit": code, "wall_s": round(wall, 1), "peak_rss_mb": round(rss / 1e6)}


def dagster_startup() -> float:
    """What every run pays before touching data: importing Dagster and loading the definitions."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from pipelines.definitions import defs"], cwd=ROOT, check=True)
    return round(time.perf_counter() - started, 1)


def incremental(folder: Path, warehouse: Path) -> dict:
    env = {**os.environ, "SEEDS_DIR": str(folder), "WAREHOUSE_PATH": str(warehouse), "DAGSTER_DISABLE_TELEMETRY": "1"}
    env.pop("DAGSTER_HOME", None)
    _, unchanged, _ = _measured([sys.executable, "-m", "pipelines.run", "--quiet"], env)
    extra = folder / "zz_incremental.md"
    extra.write_text("---\ntitle: 快讯\ndate: 2025-06-01\nsource: bench\n---\n截至5月，Kimi日均tokens调用量突破3万亿。\n",
                     encoding="utf-8")
    try:
        code, added, rss = _measured([sys.executable, "-m", "pipelines.run", "--quiet"], env)
    finally:
        extra.unlink()
        (folder / ".complete").touch()
    return {"exit": code, "unchanged_s": round(unchanged, 1), "one_new_article_s": round(added, 1),
            "one_new_article_peak_rss_mb": round(rss / 1e6)}


def warm_refresh(folder: Path, warehouse: Path, full_build_s: float) -> dict:
    """Refreshes in one long-lived process (bench/warm.py): the cost left once Dagster, the
    definitions and Great Expectations are imported."""
    env = {**os.environ, "DAGSTER_DISABLE_TELEMETRY": "1"}
    env.pop("DAGSTER_HOME", None)
    out = subprocess.run([sys.executable, "-m", "bench.warm", str(folder), str(warehouse)], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["warm_to_full_build"] = round(figures["warm_one_new_article_s"] / full_build_s, 3)
    return figures


def load_throughput(warehouse: Path) -> dict:
    """Our load path (Fact objects → polars → Arrow → INSERT) against DuckDB inserting the same
    Arrow table itself."""
    import duckdb

    from pipelines.extraction.facts import Fact
    from warehouse.load import FACT_COLUMNS, facts_frame

    with duckdb.connect(str(warehouse), read_only=True) as con:
        arrow = con.sql(f"SELECT {', '.join(FACT_COLUMNS)} FROM facts").to_arrow_table()
    rows = arrow.num_rows
    fact_fields = [f for f in Fact.__dataclass_fields__]
    facts = [Fact(**{k: v for k, v in row.items() if k in fact_fields}) for row in arrow.to_pylist()]
    con = duckdb.connect(":memory:")
    from warehouse.db import ensure_schema

    ensure_schema(con)
    started = time.perf_counter()
    frame = facts_frame(facts)
    con.register("f", frame.to_arrow())
    con.execute("INSERT INTO facts BY NAME SELECT * FROM f")
    ours = time.perf_counter() - started
    con.execute("DELETE FROM facts")
    started = time.perf_counter()
    con.register("g", arrow)
    con.execute("INSERT INTO facts BY NAME SELECT * FROM g")
    native = time.perf_counter() - started
    return {"rows": rows, "ours_rows_s": round(rows / ours), "duckdb_rows_s": round(rows / native),
            "ours_to_duckdb": round(ours / native, 1)}


# the marts materialized as tables in the load's transaction (issue target: each answers in < 50 ms at 100k)
MARTS = ("token_usage_series", "price_latest", "price_history", "growth_implied_baselines", "source_conflicts")


def query_latency(warehouse: Path) -> dict:
    """Median of five `SELECT *` per mart: answered as Arrow (how the charts and dataframe clients
    read, the figure the target is about) and turned into Python tuples (what `fetchall()` adds:
    one object per value, which dominates for marts of tens of thousands of rows)."""
    import duckdb

    result = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for view in MARTS:
            for how, fetch in (("ms", lambda r: r.to_arrow_table()), ("tuples_ms", lambda r: r.fetchall())):
                times = []
                for _ in range(5):
                    started = time.perf_counter()
                    fetch(con.sql(f"SELECT * FROM {view}"))
                    times.append(time.perf_counter() - started)
                result[f"{view}_{how}"] = round(statistics.median(times) * 1000, 1)
            result[f"{view}_rows"] = con.sql(f"SELECT count(*) FROM {view}").fetchall()[0][0]
    return result


def precision_recall(folder: Path, warehouse: Path) -> dict:
    import duckdb

    truth = [json.loads(line) for line in (folder / "truth.jsonl").open(encoding="utf-8")]
    expected = Counter((t["path"], t["family"], t["entity"], round(t["value"], 6), t["as_of_date"]) for t in truth)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        got = con.execute("SELECT a.path, f.family, f.entity, round(f.value, 6), f.as_of_date::VARCHAR "
                          "FROM facts f JOIN articles a USING (article_id)").fetchall()
    matched = 0
    for key in got:
        if expected[key] > 0:
            expected[key] -= 1
            matched += 1
    return {"planted": len(truth), "extracted": len(got), "matched": matched,
            "precision": round(matched / max(len(got), 1), 4), "recall": round(matched / max(len(truth), 1), 4)}


def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    memory = next((int(l.split()[1]) // 1024 // 1024 for l in Path("/proc/meminfo").read_text().splitlines()
                   if l.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB RAM, Python {platform.python_version()}, {platform.system()}"


TARGETS = ("Targets (issue 13): adding one article costs the same at 100k as at 1k (within 1.3×); the marts "
           "answer in < 50 ms at 100k; facts reach DuckDB at ≥ 50% of the rate DuckDB inserts the same Arrow table; "
           "a 100k full build peaks at ≤ 700 MB RSS and a 100k refresh at ≤ 500 MB; the 10k full build takes ≤ 15 s "
           "on 2 cores. Extraction (issue 14): ≥ 10 MB/s per core on press-density text.")


def render(report: dict, notes: str) -> str:
    requeried = (f" Mart queries re-measured {report['queries_remeasured']} on the same warehouses "
                 "(`python -m bench.run --queries-only`).") if "queries_remeasured" in report else ""
    lines = ["# Benchmark results", "", f"Measured {report['date']} on {report['machine']} by `make bench` "
             f"(`python -m bench.run`); raw figures in `bench/results.json`.{requeried}", "", TARGETS, "",
             f"Fixed costs of every run: Dagster start-up (import + load definitions) {report['dagster_startup_s']} s; "
             f"importing Great Expectations {report['gx_import_s']} s (only runs that validate rows).", ""]
    if "real_text" in report:
        r = report["real_text"]
        lines += [f"Extraction on the real-style articles of the repository (seeds, test fixtures and blind batches: {r['articles']} "
                  f"articles, {r['megabytes']} MB, one fact per {r['bytes_per_fact']} bytes), one core: "
                  f"{r['mb_s']} MB/s, {r['facts_s']:,} facts/s.", ""]
    for size, f in report["sizes"].items():
        lines += [f"## {int(size):,} articles", ""]
        if "extraction" in f:
            e = f["extraction"]
            lines += ["| extraction | figure |", "| --- | --- |",
                      f"| corpus | {e['articles']:,} articles, {e['megabytes']} MB, {e['facts']:,} facts |",
                      f"| one core | {e['one_core_mb_s']} MB/s, {e['one_core_facts_s']:,} facts/s ({e['one_core_s']} s) |",
                      f"| all {e['cores']} cores | {e['all_cores_mb_s']} MB/s, {round(e['facts'] / e['all_cores_s']):,} facts/s ({e['all_cores_s']} s) |",
                      f"| floor: read + one regex scan | {e['floor_mb_s']} MB/s ({e['floor_s']} s) |",
                      f"| extraction ÷ floor (time) | {e['extraction_to_floor']}× |", ""]
        b, i, l, q, a = f["full_build"], f["incremental"], f["load"], f["queries"], f["accuracy"]
        lines += ["| measure | figure |", "| --- | --- |",
                  f"| full build (parse → validate → load), wall | {b['wall_s']} s (exit {b['exit']}) |",
                  f"| full build, peak RSS | {b['peak_rss_mb']} MB |",
                  f"| refresh, nothing changed | {i['unchanged_s']} s |",
                  f"| refresh after adding 1 article | {i['one_new_article_s']} s = {i['to_full_build']:.1%} of the full build |",
                  f"| the same without Dagster start-up | {i['net_s']} s = {i['net_to_full_build']:.1%} of the full build without it |",
                  f"| refresh after adding 1 article, peak RSS | {i['one_new_article_peak_rss_mb']} MB |",
                  *([f"| warm process (Dagster, GX imported): refresh, nothing changed | {w['warm_unchanged_s']} s |",
                     f"| warm process: refresh after adding 1 article | {w['warm_one_new_article_s']} s = "
                     f"{w['warm_to_full_build']:.1%} of the full build |"] if (w := f.get("warm")) else []),
                  f"| load: our path (Fact → polars → Arrow → INSERT) | {l['ours_rows_s']:,} rows/s |",
                  f"| load: DuckDB inserting the same Arrow table | {l['duckdb_rows_s']:,} rows/s (ours takes {l['ours_to_duckdb']}×: "
                  f"{1 / l['ours_to_duckdb']:.0%} of DuckDB's rate) |",
                  *(f"| query `{m}` ({q[m + '_rows']:,} rows), as Arrow | {q[m + '_ms']} ms"
                    + (f" ({q[m + '_tuples_ms']} ms into Python tuples)" if m + "_tuples_ms" in q else "") + " |"
                    for m in MARTS if m + "_ms" in q),
                  f"| precision / recall vs planted facts | {a['precision']} / {a['recall']} ({a['matched']:,} of {a['planted']:,}) |", ""]
    return "\n".join(lines) + "\n" + notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated (default 1000,10000)")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md", help="where to write the report")
    parser.add_argument("--queries-only", action="store_true",
                        help="re-measure only the mart queries on the warehouses of the last run (bench/.work) "
                             "and rewrite the report from bench/results.json")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.queries_only:
        return _requery(args.results)
    report: dict = {"machine": machine(), "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "sizes": {}}
    print(f"machine: {report['machine']}", flush=True)
    report["dagster_startup_s"] = dagster_startup()
    print(f"dagster start-up: {report['dagster_startup_s']} s", flush=True)
    report["gx_import_s"] = gx_import()
    print(f"great expectations import: {report['gx_import_s']} s", flush=True)
    report["real_text"] = real_text_throughput()
    print(f"real-style text: {report['real_text']}", flush=True)
    for size in sizes:
        print(f"\n== {size:,} articles", flush=True)
        folder = corpus(size)
        figures: dict = {}
        if size == sizes[0]:
            figures["extraction"] = extraction_throughput(folder)
            print(f"  extraction: {figures['extraction']}", flush=True)
        warehouse = WORK / str(size) / "metrics.duckdb"
        figures["full_build"] = full_build(folder, warehouse)
        print(f"  full build: {figures['full_build']}", flush=True)
        figures["incremental"] = incremental(folder, warehouse)
        inc, startup = figures["incremental"], report["dagster_startup_s"]
        inc["to_full_build"] = round(inc["one_new_article_s"] / figures["full_build"]["wall_s"], 3)
        inc["net_s"] = round(inc["one_new_article_s"] - startup, 1)
        inc["net_to_full_build"] = round(inc["net_s"] / (figures["full_build"]["wall_s"] - startup), 3)
        print(f"  incremental: {figures['incremental']}", flush=True)
        figures["warm"] = warm_refresh(folder, warehouse, figures["full_build"]["wall_s"])
        print(f"  warm process: {figures['warm']}", flush=True)
        figures["load"] = load_throughput(warehouse)
        print(f"  load: {figures['load']}", flush=True)
        figures["queries"] = query_latency(warehouse)
        print(f"  queries: {figures['queries']}", flush=True)
        figures["accuracy"] = precision_recall(folder, warehouse)
        print(f"  accuracy: {figures['accuracy']}", flush=True)
        report["sizes"][size] = figures
    _write_report(report, args.results)
    print(f"\nfigures written to bench/results.json and {args.results}")
    return 0


def _write_report(report: dict, results: Path) -> None:
    """bench/results.json, and the report rendered from it (keeping the report's "## Notes")."""
    (ROOT / "bench" / "results.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    previous = results.read_text(encoding="utf-8") if results.exists() else ""
    notes = previous[previous.index("## Notes"):] if "## Notes" in previous else ""
    results.write_text(render(report, notes), encoding="utf-8")


def _requery(results: Path) -> int:
    raw = ROOT / "bench" / "results.json"
    if not raw.exists():
        print("no bench/results.json: run `make bench` first", file=sys.stderr)
        return 1
    report = json.loads(raw.read_text(encoding="utf-8"))
    for size, figures in report["sizes"].items():
        warehouse = WORK / str(size) / "metrics.duckdb"
        if not warehouse.exists():
            print(f"no warehouse for {size} articles at {warehouse}: run `make bench` first", file=sys.stderr)
            return 1
        figures["queries"] = query_latency(warehouse)
        print(f"{int(size):,} articles: {figures['queries']}", flush=True)
    report["queries_remeasured"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    _write_report(report, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
