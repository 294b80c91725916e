"""Articles from a .json array and a .csv table (the JSONL fields), and a .json of another shape refused."""

from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.errors import InputError
from kgraph.ingest import iter_articles


def test_json_array_and_csv_give_the_jsonl_fields(tmp_path):
    records = [
        {"id": "a1", "title": "Drones", "text": "Drones crossed.", "date": "2025-09-10", "url": "https://apnews.com/x"},
        {"text": "No id here."},
    ]
    (tmp_path / "batch.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "batch.csv").write_text(
        'id,title,text,date,url\nc1,Sanctions,"The EU sanctioned Russia, again.",2025-09-12,\n', encoding="utf-8"
    )
    got = [(a.id, a.title, a.text, a.date, a.url) for a in iter_articles([tmp_path])]
    assert sorted(got, key=lambda r: r[2]) == [
        ("a1", "Drones", "Drones crossed.", "2025-09-10", "https://apnews.com/x"),
        ("sha1-" + hashlib.sha1(b"No id here.").hexdigest()[:16], "", "No id here.", None, None),
        ("c1", "Sanctions", "The EU sanctioned Russia, again.", "2025-09-12", None),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "one"}', "a .json file holds an array of articles (id, title, text, date, url), not an object"),
        ("[1]", "[1]: expected a JSON object"),
        ("[{", "invalid JSON"),
    ],
)
def test_a_json_file_of_another_shape_is_an_error(tmp_path, content, message):
    path = tmp_path / "odd.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        list(iter_articles([path]))


def test_build_skips_an_object_json_and_says_why(tmp_path):
    """build skips unreadable inputs with a warning, as for any bad article; with nothing left it fails."""
    path = tmp_path / "odd.json"
    path.write_text('{"text": "Russia attacked Ukraine."}', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "g.trig")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"Warning: skipped {path}: a .json file holds an array of articles (id, title, text, date, url), not an "
        "object; use .jsonl for one object a line",
        "Error: no article could be read; nothing written",
    ]
    assert not (tmp_path / "g.trig").exists()


def test_a_csv_without_a_text_column_is_an_error(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,title\n1,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs a header with a 'text' column"):
        list(iter_articles([path]))


def test_rebuilding_an_article_without_its_date_warns(tmp_path):
    store = tmp_path / "kb"
    dated = tmp_path / "a.jsonl"
    dated.write_text(
        json.dumps({"id": "drones", "title": "Drones", "text": "Russian drones entered Polish airspace.",
                    "date": "2025-09-10", "url": "https://apnews.com/x"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    first = CliRunner().invoke(main, ["build", str(dated), "--store", str(store), "-q"])
    assert first.exit_code == 0, first.output
    plain = tmp_path / "drones.txt"
    plain.write_text("Drones\nRussian drones entered Polish airspace.\n", encoding="utf-8")
    again = CliRunner().invoke(main, ["build", str(plain), "--store", str(store), "-q"])
    assert again.exit_code == 0, again.output
    assert again.stderr.splitlines() == [
        f"Warning: article 'drones' rebuilt without the date 2025-09-10 and url https://apnews.com/x it had in "
        f"{store}; give them again (JSONL date/url) to keep them"
    ]
    same = CliRunner().invoke(main, ["build", str(dated), "--store", str(store), "-q"])
    assert same.exit_code == 0 and same.stderr == ""
