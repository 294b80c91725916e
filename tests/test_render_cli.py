"""`kgraph view` through click: options, messages, exit codes."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from kgraph.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def page_data(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(
        re.search(r'<script type="application/json" id="kgraph-data">(.*?)</script>', text, re.S).group(1)
    )


def nodes_in(path) -> list[dict]:
    return page_data(path)["nodes"]


def test_view_writes_the_page_and_says_what_it_shows(seed_files, tmp_path):
    out = tmp_path / "graph.html"
    result = run("view", "--data", str(seed_files["trig"]), "-o", str(out))
    assert result.exit_code == 0, result.output
    data = page_data(out)
    assert (
        result.stderr.splitlines()[0] == f"wrote {out}: {len(data['nodes'])} entities, {len(data['edges'])} relations"
    )
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_view_options_reach_the_page(seed_files, tmp_path):
    out = tmp_path / "focus.html"
    options = ["--focus", "Poland", "--hops", "1", "--property", "cooperatesWith", "--class", "Country"]
    options += ["--min-support", "1", "--modality", "all", "-q"]
    result = run("view", "--data", str(seed_files["ttl"]), "-o", str(out), *options)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    shown = nodes_in(out)
    assert "Poland" in {n["label"] for n in shown} and {n["cls"] for n in shown} == {"Country"}


def test_view_max_nodes_note(seed_files, tmp_path):
    out = tmp_path / "small.html"
    result = run("view", "--data", str(seed_files["trig"]), "-o", str(out), "--max-nodes", "4")
    assert result.exit_code == 0, result.output
    assert re.search(r"Note: \d+ of \d+ connected entities are left out: only the 4 most central", result.stderr)
    assert len(nodes_in(out)) <= 4


def test_view_without_a_graph_is_a_usage_error(tmp_path):
    result = run("view", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2
    assert result.stderr == "Error: no graph given: pass --data FILE, --store DIR or --endpoint URL\n"


def test_view_bad_focus_and_date(seed_files, tmp_path):
    out = str(tmp_path / "x.html")
    result = run("view", "--data", str(seed_files["trig"]), "-o", out, "--focus", "Atlantis")
    assert result.exit_code == 2
    assert result.stderr == "Error: no entity named 'Atlantis' in the graph or the ontology\n"  # as for every command
    result = run("view", "--data", str(seed_files["trig"]), "-o", out, "--since", "last week")
    assert result.exit_code == 2
    assert result.stderr == "Error: --since 'last week': expected a date as YYYY, YYYY-MM or YYYY-MM-DD\n"
    result = run("view", "--data", str(seed_files["trig"]), "-o", out, "--property", "bombs")
    assert result.exit_code == 2 and result.stderr.startswith("Error: unknown property 'bombs'; known: ")
    assert not (tmp_path / "x.html").exists()


def test_view_into_a_missing_folder(seed_files, tmp_path):
    out = tmp_path / "nowhere" / "x.html"
    result = run("view", "--data", str(seed_files["trig"]), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: folder {out.parent} does not exist\n"


def test_view_help_lists_every_option():
    result = run("view", "--help")
    assert result.exit_code == 0
    for option in ("--data", "--store", "--endpoint", "--focus", "--hops", "--property", "--class", "--modality",
                   "--min-support", "--since", "--max-nodes", "--ontology"):  # fmt: skip
        assert option in result.output


def test_readme_view_commands_run_as_written(seed_files, tmp_path):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The HTML view", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    commands = [shlex.split(line.split("#", 1)[0]) for line in block.splitlines() if line.strip()]
    assert len(commands) >= 3
    for words in commands:
        assert words[:2] == ["kgraph", "view"]
        args = [str(seed_files["trig"]) if w == "out/graph.trig" else w for w in words[2:]]
        out = args.index("-o") + 1
        args[out] = str(tmp_path / Path(args[out]).name)
        result = run("view", *args)
        assert result.exit_code == 0, (words, result.output)
        assert Path(args[out]).is_file()
