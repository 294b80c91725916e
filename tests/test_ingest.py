from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgraph.errors import InputError
from kgraph.ingest import iter_articles, parse_text


def test_text_file_first_line_is_title(tmp_path):
    (tmp_path / "a.txt").write_text("Title here\nBody one.\nBody two.\n", encoding="utf-8")
    (article,) = iter_articles([tmp_path / "a.txt"])
    assert (article.id, article.title, article.text) == ("a", "Title here", "Body one.\nBody two.\n")


def test_folder_and_jsonl(tmp_path):
    (tmp_path / "b.md").write_text("# B\nText B.", encoding="utf-8")
    lines = [{"id": "j1", "title": "J", "text": "Text J.", "date": "2025-09-12", "url": "https://example.org/j"}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    articles = list(iter_articles([tmp_path]))
    assert [a.id for a in articles] == ["b", "j1"]
    assert articles[1].date == "2025-09-12" and articles[1].url == "https://example.org/j"


def test_bad_jsonl_line_does_not_lose_the_others(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"id": "ok", "text": "Fine."}\n{not json\n{"id": "x"}\n{"id": "ok2", "text": "Also."}\n')
    problems: list[InputError] = []
    articles = list(iter_articles([path], on_error=problems.append))
    assert [a.id for a in articles] == ["ok", "ok2"]
    assert [str(p).split(":")[1] for p in problems] == ["2", "3"]


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_articles([tmp_path / "nope.txt"]))


def test_binary_and_non_utf8_files_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00\x01garbage")
    (tmp_path / "good.txt").write_text("Good\nText.", encoding="utf-8")
    problems: list[InputError] = []
    articles = list(iter_articles([tmp_path], on_error=problems.append))
    assert [a.id for a in articles] == ["good"]
    assert "bin.txt" in str(problems[0])


def test_stdin_text_and_jsonl():
    (article,) = iter_articles(["-"], stdin=io.StringIO("Stdin title\nBody."))
    assert article.title == "Stdin title" and article.id.startswith("stdin-")
    (a2,) = iter_articles(["-"], stdin=io.StringIO('{"id": "s1", "text": "Hello."}\n'))
    assert a2.id == "s1"


def test_bad_date_is_reported(tmp_path):
    path = tmp_path / "e.jsonl"
    path.write_text('{"id": "e", "text": "T.", "date": "last week"}\n')
    problems: list[InputError] = []
    assert list(iter_articles([path], on_error=problems.append)) == []
    assert "ISO date" in str(problems[0])


@given(st.text())
def test_parse_text_never_crashes(raw):
    try:
        article = parse_text(raw, "x", "<test>")
    except InputError:
        return
    assert article.text in raw


def test_overlong_article_is_skipped_with_a_reason(tmp_path):
    from kgraph.ingest import MAX_ARTICLE_CHARS

    (tmp_path / "huge.txt").write_text("Huge\n" + "Russia attacked Ukraine. " * (MAX_ARTICLE_CHARS // 20))
    (tmp_path / "ok.txt").write_text("Ok\nRussia attacked Ukraine.")
    problems: list[InputError] = []
    articles = list(iter_articles([tmp_path], on_error=problems.append))
    assert [a.id for a in articles] == ["ok"]
    assert "too long" in str(problems[0])
