"""A dependency-free progress bar for management commands (seeding, imports)."""

import sys
import time


class ProgressBar:
    """Writes `label [#####.....] 42/100 (1.3s)` to a stream.

    On a terminal the line is redrawn in place; elsewhere (CI logs) a line is
    written at each 10 % so logs stay short.
    """

    width = 30

    def __init__(self, total: int, label: str = "", stream=None):
        self.total = max(int(total), 0)
        self.label = label
        self.stream = stream or sys.stdout
        self.done = 0
        self.started = time.perf_counter()
        self._last_decile = -1
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def advance(self, step: int = 1) -> None:
        self.done = (
            min(self.done + step, self.total) if self.total else self.done + step
        )
        self._draw()

    def finish(self) -> None:
        if self.total:
            self.done = self.total
        self._draw(final=True)

    def _line(self) -> str:
        total = self.total or max(self.done, 1)
        filled = int(self.width * self.done / total)
        bar = "#" * filled + "." * (self.width - filled)
        elapsed = time.perf_counter() - self.started
        return f"{self.label:<28} [{bar}] {self.done}/{self.total} ({elapsed:.1f}s)"

    def _draw(self, final: bool = False) -> None:
        if self._tty:
            self.stream.write("\r" + self._line() + ("\n" if final else ""))
            self.stream.flush()
            return
        decile = int(10 * self.done / self.total) if self.total else 10
        if decile != self._last_decile:
            self._last_decile = decile
            self.stream.write(self._line() + "\n")

    def __enter__(self):
        self._draw()
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.finish()
