"""The progress bar: drawn on a terminal, silent elsewhere; rate, ETA and the estimated total."""

from __future__ import annotations

import io
import json

from click.testing import CliRunner
from conftest import SEED_ARTICLE

from kgraph.cli import main
from kgraph.progress import ERASE_LINE, ProgressBar, estimate_total


class FakeTTY(io.StringIO):
    """A real text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bar_on_a_terminal_shows_count_rate_and_eta():
    stream, clock = FakeTTY(), Clock()
    bar = ProgressBar(10, stream=stream, clock=clock)
    for _ in range(4):
        clock.now += 0.5
        bar.update(words=500)
    drawn = stream.getvalue()
    assert drawn.startswith("\r") and drawn.endswith(ERASE_LINE)
    last = drawn.rsplit("\r", 1)[-1].removesuffix(ERASE_LINE)
    # 4 articles in 2 s: 2.0/s, 6 left -> 3 s
    assert "4/10 articles" in last
    assert "2.0 articles/s" in last
    assert "1,000 words/s" in last
    assert "ETA 0:03" in last
    bar.close()
    assert stream.getvalue().endswith("\n")


def test_bar_redraws_at_most_five_times_a_second():
    stream, clock = FakeTTY(), Clock()
    bar = ProgressBar(None, stream=stream, clock=clock)
    for _ in range(50):
        clock.now += 0.01  # 50 articles in half a second
        bar.update()
    assert 1 <= stream.getvalue().count("\r") <= 3


def test_unknown_total_shows_elapsed_not_eta():
    stream, clock = FakeTTY(), Clock()
    bar = ProgressBar(None, stream=stream, clock=clock)
    clock.now += 65
    bar.update(3)
    line = bar.line()
    assert line.startswith("3 articles") and "elapsed 1:05" in line and "ETA" not in line


def test_silent_when_not_a_terminal_or_quiet():
    plain, tty = io.StringIO(), FakeTTY()
    for bar in (ProgressBar(5, stream=plain), ProgressBar(5, stream=tty, quiet=True)):
        bar.update(5)
        bar.close()
    assert plain.getvalue() == "" and tty.getvalue() == ""


def test_estimate_total_counts_files_and_jsonl_lines(tmp_path):
    (tmp_path / "a.txt").write_text("Title\nBody.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Title\nBody.", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("x", encoding="utf-8")
    lines = [json.dumps({"id": str(i), "text": "Some text."}) for i in range(3)]
    (tmp_path / "c.jsonl").write_text("\n".join(lines[:2]) + "\n\n" + lines[2] + "\n", encoding="utf-8")
    assert estimate_total([tmp_path]) == 5
    assert estimate_total([tmp_path / "c.jsonl", tmp_path / "a.txt"]) == 4
    assert estimate_total(["-"]) is None
    assert estimate_total([tmp_path / "missing.txt"]) is None


def test_build_writes_no_control_characters_when_stderr_is_not_a_terminal(tmp_path):
    out = tmp_path / "g.nq"
    result = CliRunner().invoke(main, ["build", str(SEED_ARTICLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "\r" not in result.stderr and ERASE_LINE not in result.stderr
    assert "articles/s" not in result.stderr
    assert "articles: 1" in result.stderr
