"""--data files as Jena and Oxigraph users hand them over: gzipped (graph.ttl.gz, or gzip under any name) and
in a format their extension does not say (--data-format)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kgraph import formats
from kgraph.cli import main
from kgraph.errors import InputError
from kgraph.store import Store, read_dataset, write_dataset


def union(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def quads(dataset: Dataset) -> set[tuple]:
    default = dataset.default_graph.identifier
    return {(s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None)) if g != default}


def gzipped(path: Path, name: str | None = None) -> Path:
    target = path.with_name(name or path.name + ".gz")
    target.write_bytes(gzip.compress(path.read_bytes()))
    return target


@pytest.mark.parametrize("fmt", list(formats.FORMATS.values()), ids=lambda f: f.export)
def test_gzipped_files_read_as_the_plain_ones(corpus_dataset, tmp_path, fmt):
    plain = tmp_path / f"graph{fmt.extensions[0]}"
    write_dataset(corpus_dataset, plain)
    expected = read_dataset([plain])
    back = read_dataset([gzipped(plain)])
    assert isomorphic(union(back), union(expected)) and len(union(back)) > 0
    if fmt.quads:
        assert quads(back) == quads(expected)
    with Store(None) as store:
        loaded = store.load(gzipped(plain))
    with Store(None) as store:
        assert loaded == store.load(plain) > 0


def test_gzip_is_found_by_its_bytes_and_keeps_the_files_base(tmp_path):
    """A gzipped file named graph.ttl is still read; relative IRIs resolve against the file, as uncompressed."""
    plain = tmp_path / "plain.ttl"
    plain.write_text("<thing> <https://example.org/p> <other> .\n", encoding="utf-8")
    inside = gzipped(plain, "inside.ttl")
    [(s, _, _)] = list(read_dataset([plain]).default_graph)
    [(s_gz, _, o_gz)] = list(read_dataset([inside]).default_graph)
    assert s == URIRef(plain.resolve().with_name("thing").as_uri())
    assert s_gz == URIRef(inside.resolve().with_name("thing").as_uri()) and o_gz.endswith("/other")


def test_data_format_overrides_the_extension(corpus_dataset, tmp_path):
    trig = tmp_path / "graph.trig"
    write_dataset(corpus_dataset, trig)
    odd = tmp_path / "graph.dat"
    odd.write_bytes(trig.read_bytes())
    assert quads(read_dataset([odd], fmt="trig")) == quads(read_dataset([trig]))
    assert quads(read_dataset([gzipped(odd)], fmt="TriG")) == quads(read_dataset([trig]))
    with formats.reading_as("trig"):
        assert quads(read_dataset([odd])) == quads(read_dataset([trig]))
    with pytest.raises(InputError, match="pass --data-format"):
        read_dataset([odd])


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["query", "--saved", "who-attacked-whom"],
        ["validate"],
    ],
)
def test_cli_data_format_and_gzip(corpus_dataset, tmp_path, command):
    trig = tmp_path / "graph.trig"
    write_dataset(corpus_dataset, trig)
    odd = tmp_path / "graph.txt"
    odd.write_bytes(trig.read_bytes())
    runner = CliRunner()
    reference = runner.invoke(main, [*command, "--data", str(trig)])
    assert reference.exit_code == 0, reference.output
    overridden = runner.invoke(main, [*command, "--data", str(odd), "--data-format", "trig"])
    compressed = runner.invoke(main, [*command, "--data", str(gzipped(trig))])
    assert overridden.exit_code == compressed.exit_code == 0, overridden.output + compressed.output
    assert overridden.stdout == compressed.stdout == reference.stdout


def test_cli_export_reads_gzip(corpus_dataset, tmp_path):
    nq = tmp_path / "graph.nq"
    write_dataset(corpus_dataset, nq)
    out = tmp_path / "out.trig"
    result = CliRunner().invoke(main, ["export", "--data", str(gzipped(nq)), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert quads(read_dataset([out])) == quads(read_dataset([nq]))


@pytest.mark.parametrize(
    ("name", "content", "args", "message"),
    [
        ("graph.dat", b"<https://a> <https://b> <https://c> .\n", [], "pass --data-format"),
        ("graph.ttl.gz", gzip.compress(b"<https://a> <https://b> <https://c> .\n")[:-6], [], "not a whole gzip file"),
        ("graph.ttl", b"<https://a> <https://b> .\n", ["--data-format", "nt"], "cannot parse"),
        ("graph.ttl", b"", ["--data-format", "csv"], "Invalid value for '--data-format'"),
    ],
)
def test_cli_bad_input(tmp_path, name, content, args, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["stats", "--data", str(path), *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
    if "Invalid value" not in message:
        assert result.stderr.count("\n") == 1
