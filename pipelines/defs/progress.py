"""Progress for long loops: counts in the Dagster log, and a bar when a person is watching."""

from __future__ import annotations

import sys
import time


class Progress:
    """Callable(done, total). Logs about every 10% (and at least every 10 s); draws a tqdm bar
    on stderr when stderr is a terminal (`make run`)."""

    def __init__(self, log, label: str, unit: str = "article"):
        self.log = log
        self.label = label
        self.unit = unit
        self._bar = None
        self._next_log = 0
        self._last_time = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None and sys.stderr.isatty() and total > 1:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=self.label, unit=self.unit, leave=False)
        if self._bar is not None:
            self._bar.update(done - self._bar.n)
            if done >= total:
                self._bar.close()
        now = time.monotonic()
        if done >= self._next_log or now - self._last_time > 10 or done == total:
            self.log.info(f"{self.label}: {done:,}/{total:,} {self.unit}s ({done / max(total, 1):.0%})")
            self._next_log = done + max(1, total // 10)
            self._last_time = now
