"""One bad article never sinks the batch: a JSONL line whose URL is no IRI, whose title or text holds a lone
surrogate (valid JSON, no text), or whose JSON is nested 100,000 deep is skipped with a one-line warning, and
the other articles reach -o and --store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from kgraph.cli import main
from kgraph.errors import InputError
from kgraph.ingest import parse_jsonl
from kgraph.store import Store

TEXT = "Russia attacked Ukraine on Tuesday."
DEEP = "[" * 100_000 + "]" * 100_000

# (JSONL line, what the warning says)
BAD = [
    (json.dumps({"id": "pct", "text": TEXT, "url": "https://example.org/100%-sure"}), "is not an escape"),
    (json.dumps({"id": "bracket", "text": TEXT, "url": "https://exa[mple.org/a"}), "is not a URL"),
    (json.dumps({"id": "bracket2", "text": TEXT, "url": "https://[example].org/a"}), "is not a URL"),
    (json.dumps({"id": "bracket3", "text": TEXT, "url": "https://[::1]x/"}), "brackets in its host"),
    (json.dumps({"id": "cr", "text": TEXT, "url": "https://exa\rmple.org/a"}), "control character"),
    (f'{{"id": "surt", "title": "a \\ud800 title", "text": "{TEXT}"}}', "'title' holds a lone surrogate"),
    (f'{{"id": "surx", "text": "{TEXT} \\udfff"}}', "'text' holds a lone surrogate"),
    (f'{{"id": "deep", "text": "{TEXT}", "x": {DEEP}}}', "nested too deeply"),
]
GOOD = [
    json.dumps({"id": "good1", "title": "One", "text": TEXT, "url": "https://example.org/a%20b?q=1#f"}),
    json.dumps({"id": "good2", "title": "Two", "text": TEXT, "url": "http://[::1]:8080/x"}),
]


@pytest.mark.parametrize(("line", "message"), BAD, ids=[b[0][:20] for b in BAD])
def test_a_bad_line_is_one_error_and_the_next_line_is_read(line, message):
    errors: list[InputError] = []
    articles = list(parse_jsonl([line, GOOD[0]], "in.jsonl", errors.append))
    assert [a.id for a in articles] == ["good1"]
    (error,) = errors
    assert str(error).startswith("in.jsonl:1: ") and message in str(error)
    assert "\n" not in str(error) and "\r" not in str(error)


@pytest.fixture
def batch(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [GOOD[0], *(line for line, _ in BAD), GOOD[1]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _check_warnings(stderr: str) -> None:
    warnings = [line for line in stderr.splitlines() if line.startswith("Warning: skipped")]
    assert len(warnings) == len(BAD)
    for (_, message), line in zip(BAD, warnings, strict=True):
        assert message in line
    assert "internal error" not in stderr


def test_build_to_files_keeps_the_good_articles(batch, tmp_path):
    out = tmp_path / "g.trig"
    result = CliRunner().invoke(main, ["build", str(batch), "-o", str(out)])
    assert result.exit_code == 1, result.output  # some articles were skipped
    _check_warnings(result.stderr)
    graphs = {str(g.identifier).rsplit("/", 1)[-1] for g in Dataset().parse(out, format="trig").graphs()}
    assert {"good1", "good2"} <= graphs and not graphs & {"pct", "bracket", "cr", "surt", "surx", "deep"}


def test_build_to_a_store_keeps_the_good_articles(batch, tmp_path):
    result = CliRunner().invoke(main, ["build", str(batch), "--store", str(tmp_path / "kb")])
    assert result.exit_code == 1, result.output
    _check_warnings(result.stderr)
    with Store(tmp_path / "kb", create=False) as store:
        assert sorted(a.id for a in store.articles()) == ["good1", "good2"]
