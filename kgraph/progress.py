"""A progress bar for long builds: takes a count of finished articles (and words), yields one redrawn line on a
terminal stream — articles/s, words/s and, when the total is known, a bar and the ETA.

Plain ``\\r`` + ANSI erase-line, no dependency. Silent when the stream is not a TTY (logs, pipes, CI) or when
disabled (``--quiet``), so redirected output never fills with control characters.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

ERASE_LINE = "\x1b[K"
BAR_WIDTH = 24
REDRAW_EVERY = 0.2  # seconds: often enough to look alive, rare enough to cost nothing


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ProgressBar:
    """``update()`` after each article; ``close()`` at the end (also a context manager).

    ``enabled`` is decided once: the stream must be a TTY and ``quiet`` false. ``clock`` is injectable so a
    test can drive time without sleeping.
    """

    def __init__(
        self,
        total: int | None = None,
        *,
        stream: IO[str] | None = None,
        quiet: bool = False,
        unit: str = "articles",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = not quiet and callable(isatty) and bool(isatty())
        self.total = total if total and total > 0 else None
        self.unit = unit
        self.clock = clock
        self.count = 0
        self.words = 0
        self.started = clock()
        self._last_draw = float("-inf")
        self._drawn = False

    def update(self, n: int = 1, words: int = 0) -> None:
        self.count += n
        self.words += words
        if not self.enabled:
            return
        now = self.clock()
        if now - self._last_draw >= REDRAW_EVERY or (self.total is not None and self.count >= self.total):
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The text of the bar at time ``now`` (without control characters)."""
        now = self.clock() if now is None else now
        elapsed = max(now - self.started, 1e-9)
        rate = self.count / elapsed
        parts = []
        if self.total is not None:
            done = min(self.count / self.total, 1.0)
            filled = int(done * BAR_WIDTH)
            parts.append(f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.count}/{self.total} {self.unit}")
        else:
            parts.append(f"{self.count} {self.unit}")
        parts.append(f"{rate:.1f} {self.unit}/s")
        if self.words:
            parts.append(f"{self.words / elapsed:,.0f} words/s")
        if self.total is not None and self.count and self.count < self.total:
            parts.append(f"ETA {_duration((self.total - self.count) / rate)}")
        else:
            parts.append(f"elapsed {_duration(elapsed)}")
        return "  ".join(parts)

    def _draw(self, now: float) -> None:
        self.stream.write("\r" + self.line(now) + ERASE_LINE)
        self.stream.flush()
        self._last_draw = now
        self._drawn = True

    def close(self) -> None:
        """Draw the final state and end the line, so the next message starts on a clean line."""
        if self.enabled and (self._drawn or self.count):
            self._draw(self.clock())
            self.stream.write("\n")
            self.stream.flush()
        self.enabled = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def estimate_total(paths: Iterable[str | Path]) -> int | None:
    """How many articles the inputs hold, when that is cheap to know: text files are one article each, JSONL
    files one per non-blank line. None when a path is stdin or missing (the bar then shows no ETA)."""
    from .ingest import DEFAULT_SEEDS, JSONL_SUFFIXES, TEXT_SUFFIXES

    total = 0
    for item in list(paths) or [DEFAULT_SEEDS]:
        if str(item) == "-":
            return None
        path = Path(item)
        files = (
            [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES]
            if path.is_dir()
            else [path]
        )
        for file in files:
            if not file.is_file():
                return None
            if file.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    return None
            else:
                total += 1
    return total
