"""Charts of the warehouse for people who do not open Dagster: PNG files under
<warehouse dir>/charts/, also shown in the Dagster UI as asset metadata."""

from __future__ import annotations

import base64
import hashlib
import io
import warnings
from pathlib import Path

import duckdb

MAX_SERIES = 10
# CJK-capable fonts, used when one is installed (entity names such as 鱼泡科技).
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
             "Source Han Sans SC", "SimHei", "Microsoft YaHei", "PingFang SC")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    plt.rcParams["font.sans-serif"] = [f for f in CJK_FONTS if f in installed] + ["DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing CJK glyphs when no CJK font is installed
        figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


_MARKERS = {"eq": "o", "gt": "^", "ge": "^", "lt": "v", "le": "v", "approx": "D"}


def token_usage_rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        """WITH top AS (SELECT entity FROM token_usage_series GROUP BY entity
                        ORDER BY count(*) DESC, max(tokens_per_day) DESC LIMIT ?)
           SELECT entity, as_of_date, tokens_per_day, bound FROM token_usage_series
           WHERE entity IN (SELECT entity FROM top) ORDER BY entity, as_of_date""",
        [MAX_SERIES],
    ).fetchall()


def token_usage_chart(rows: list[tuple]) -> bytes:
    """Daily token usage per entity over time (the reconciled token_usage_series), log scale;
    marker shape shows the bound."""
    plt = _pyplot()
    figure, axis = plt.subplots(figsize=(9, 5))
    for entity in dict.fromkeys(r[0] for r in rows):
        points = [r for r in rows if r[0] == entity]
        line = axis.plot([p[1] for p in points], [p[2] for p in points], "-", alpha=0.5, label=entity)[0]
        for marker in set(_MARKERS.values()):  # one call per marker shape, not per point
            group = [p for p in points if _MARKERS.get(p[3], "o") == marker]
            if group:
                axis.plot([p[1] for p in group], [p[2] for p in group], marker, linestyle="", color=line.get_color())
    axis.set_yscale("log")
    axis.set_ylabel("tokens per day (log scale)")
    axis.set_title("Daily token usage (▲ lower bound, ◆ approximate)")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize=8, loc="upper left")
    figure.autofmt_xdate()
    data = _png(figure)
    plt.close(figure)
    return data


def price_rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(  # price_history: one point per change, not per mention
        """WITH top AS (SELECT entity FROM price_history GROUP BY entity ORDER BY count(*) DESC LIMIT ?)
           SELECT currency, entity, direction, as_of_date, price_per_million_tokens FROM price_history
           WHERE entity IN (SELECT entity FROM top) AND condition IS NULL
           ORDER BY currency, entity, direction, as_of_date""",
        [MAX_SERIES],
    ).fetchall()


def price_chart(rows: list[tuple]) -> bytes:
    """Price points per model over time, one panel per currency; input solid, output dashed."""
    plt = _pyplot()
    currencies = list(dict.fromkeys(r[0] for r in rows))
    figure, axes = plt.subplots(1, len(currencies), figsize=(9 * len(currencies) / 1.4, 5), squeeze=False)
    for axis, currency in zip(axes[0], currencies):
        for entity in dict.fromkeys(r[1] for r in rows if r[0] == currency):
            color = None
            for direction in ("input", "output", "unspecified"):
                points = [r for r in rows if r[0] == currency and r[1] == entity and r[2] == direction]
                if not points:
                    continue
                style = {"input": "o-", "output": "s--", "unspecified": "x:"}[direction]
                line = axis.plot([p[3] for p in points], [p[4] for p in points], style, color=color,
                                 label=f"{entity} ({direction})")[0]
                color = line.get_color()
        axis.set_ylabel(f"{currency} per million tokens")
        axis.set_title(f"Price points ({currency})")
        axis.grid(True, alpha=0.3)
        axis.legend(fontsize=7, loc="upper right")
    figure.autofmt_xdate()
    data = _png(figure)
    plt.close(figure)
    return data


CHARTS = {"daily_token_usage": (token_usage_rows, token_usage_chart), "price_points": (price_rows, price_chart)}


def write_charts(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, Path]:
    """Render every chart into `folder`; returns {name: path} of the charts that have data.

    A chart whose data (and drawing code) are unchanged since it was written is kept as it is:
    matplotlib costs seconds to import and render, and most refreshes do not move the series."""
    folder.mkdir(parents=True, exist_ok=True)
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    written = {}
    for name, (rows_of, render) in CHARTS.items():
        rows = rows_of(con)
        path, stamp = folder / f"{name}.png", folder / f".{name}.sha256"
        if not rows:
            path.unlink(missing_ok=True)
            stamp.unlink(missing_ok=True)
            continue
        digest = hashlib.sha256((code + repr(rows)).encode("utf-8")).hexdigest()
        if not (path.exists() and stamp.exists() and stamp.read_text() == digest):
            path.write_bytes(render(rows))
            stamp.write_text(digest)
        written[name] = path
    return written


def markdown_image(path: Path, title: str) -> str:
    encoded = base64.b64encode(path.read_bytes()).decode()
    return f"![{title}](data:image/png;base64,{encoded})"
