"""End to end in a real browser: `dagster dev` on a free port with a temporary DAGSTER_HOME,
headless Debian Chromium driven by Playwright (no browser download).

One server session covers what a user does: the sensor builds the warehouse on its own, the
asset graph shows, the job is launched with the UI's "Materialize all" button and succeeds, the
chart renders, a new article dropped into the folder reaches daily_token_usage without a click,
and the Data Docs open in the browser. Screenshots go to the test's temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dagster_dev import dagster_dev_server, rows, wait_for
from dagster_dev import runs as all_runs

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]
NEW_ARTICLE = "---\ntitle: 快讯\ndate: 2025-03-01\n---\n截至2月底，Kimi日均tokens调用量突破2万亿。\n"


@pytest.fixture
def dagster_dev(tmp_path):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`make browser`, or apt-get install chromium)")
    # the sensor looks every 5 s instead of 30 s: the test waits for it twice
    with dagster_dev_server(tmp_path, SEEDS_SENSOR_INTERVAL_SECONDS="5") as server:
        yield server


def test_the_dagster_ui_end_to_end(dagster_dev):
    from playwright.sync_api import sync_playwright

    port, seeds, warehouse, shots = dagster_dev
    base = f"http://127.0.0.1:{port}"

    # 1. The sensor notices the folder and builds the warehouse without a click.
    def sensor_run_done():
        runs = [r for r in all_runs(port) if any(t["key"] == "dagster/sensor_name" for t in r["tags"])]
        return runs and all(r["status"] in ("SUCCESS", "FAILURE", "CANCELED") for r in runs) and runs
    first = wait_for(sensor_run_done, 240, "the sensor's first run")
    assert {r["status"] for r in first} == {"SUCCESS"}
    assert len(rows(warehouse, "SELECT * FROM daily_token_usage")) == 5

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})

        # 2. The asset graph: every group of the pipeline, and every asset in the catalog.
        page.goto(f"{base}/asset-groups", wait_until="networkidle")
        skip = page.get_by_role("button", name="Skip")
        try:
            skip.click(timeout=5_000)  # the first-visit community dialog
        except Exception:
            pass
        for group in ("ingest", "facts", "tables", "reports"):
            page.get_by_text(group, exact=True).first.wait_for(timeout=30_000)
        page.screenshot(path=str(shots / "asset_graph.png"))
        page.goto(f"{base}/assets", wait_until="networkidle")
        for asset in ("articles", "facts", "daily_token_usage", "growth_multiples", "price_points", "rejected_facts"):
            page.get_by_text(asset, exact=True).first.wait_for(timeout=30_000)
        page.goto(f"{base}/locations/ai_metrics/jobs/refresh_warehouse", wait_until="networkidle")

        # 3. Launch the job from the UI and wait for its run to succeed.
        before = {r["runId"] for r in all_runs(port)}
        page.get_by_role("button", name="Materialize all").click()
        confirm = page.get_by_role("button", name="Confirm")
        try:
            confirm.click(timeout=3_000)
        except Exception:  # no dialog when every upstream asset is materialized
            pass

        def ui_run():
            new = [r for r in all_runs(port) if r["runId"] not in before
                   and not any(t["key"] in ("dagster/sensor_name", "dagster/schedule_name") for t in r["tags"])]
            return new[0] if new and new[0]["status"] in ("SUCCESS", "FAILURE", "CANCELED") else None
        run = wait_for(ui_run, 240, "the run launched from the UI")
        assert run["status"] == "SUCCESS"
        page.goto(f"{base}/runs/{run['runId']}", wait_until="networkidle")
        page.get_by_text("Success").first.wait_for(timeout=30_000)
        page.screenshot(path=str(shots / "run.png"))
        assert len(rows(warehouse, "SELECT * FROM facts")) == 15

        # 4. The chart shows in the asset's metadata.
        page.goto(f"{base}/assets/charts", wait_until="networkidle")
        page.get_by_text("[Show Markdown]").first.click()
        chart = page.locator("img[src^='data:image/png']").first
        chart.wait_for(timeout=30_000)
        assert chart.evaluate("img => img.naturalWidth") > 300
        page.screenshot(path=str(shots / "chart.png"))

        # 5. A new article dropped into the folder reaches the warehouse by itself.
        (seeds / "kimi.md").write_text(NEW_ARTICLE, encoding="utf-8")
        usage = wait_for(lambda: rows(warehouse, "SELECT tokens_per_day FROM daily_token_usage WHERE entity = 'Kimi'"),
                      240, "the sensor to load the new article", interval=3)
        assert usage == [(2e12,)]

        # 6. The Data Docs open in the browser: the index, and the latest validation of facts.
        docs = warehouse.parent / "data_docs"
        page.goto((docs / "index.html").as_uri())
        page.get_by_text("Expectation Suites").first.wait_for(timeout=30_000)
        latest = max((docs / "validations" / "facts").rglob("*.html"), key=lambda p: p.stat().st_mtime)
        page.goto(latest.as_uri())
        page.get_by_text("Expectation Suite: facts").first.wait_for(timeout=30_000)
        assert "Succeeded" in page.locator("body").inner_text()
        page.screenshot(path=str(shots / "data_docs.png"))
        browser.close()
    assert all((shots / name).stat().st_size > 10_000 for name in ("asset_graph.png", "run.png", "chart.png"))
