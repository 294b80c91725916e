"""`kgraph query` from the command line: query sources, output formats, ASK exit codes, saved queries, --bind,
and every error path (exit 2, one message, no traceback)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from kgraph.cli import main
from kgraph.errors import InputError, QueryError
from kgraph.query import (
    parse_term,
    prefix_map,
    prepare,
    query_kind,
    run_query,
    saved_queries,
)
from kgraph.vocab import KG, KGE, curie

SRX = "{http://www.w3.org/2005/sparql-results#}"
# a string, not rdflib.XSD: pytest probes module globals for attributes, which the closed namespace warns about
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
INTRUDES = "SELECT ?s ?o WHERE { ?s kg:intrudesInto ?o }"
LABELS = "SELECT ?e ?label WHERE { ?e a kg:Country ; skos:prefLabel ?label } ORDER BY ?label"


@pytest.fixture
def run(seed_files):
    """Invoke `kgraph` on the seed graph (TriG) and return the click Result."""

    def invoke(*args: str, data: bool = True, input: str | None = None):
        extra = ["--data", str(seed_files["trig"])] if data else []
        return CliRunner().invoke(main, [*args, *extra], input=input)

    return invoke


def ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def fails(result, code: int = 2) -> str:
    """The command failed with ``code`` and one error message, not a traceback."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith("Error: ")
    return result.stderr


# --- the `make demo` command and the readable table -----------------------------------------------------------


def test_demo_query_prints_a_readable_table(run, seed_dataset):
    """`make demo` runs exactly this; it must print a header, a rule, one line per row and a row count."""
    expected = list(run_query(seed_dataset, saved_queries()["who-attacked-whom"].text))
    lines = ok(run("query", "--saved", "who-attacked-whom")).splitlines()
    assert lines[0].split(" | ")[0].strip() == "attackerLabel"
    assert [c.strip() for c in lines[0].split("|")] == [
        "attackerLabel",
        "relation",
        "targetLabel",
        "modality",
        "articles",
        "evidence",
    ]
    assert set(lines[1]) <= {"-", "+"}
    assert len(lines) == len(expected) + 3
    assert lines[-1].startswith(f"({len(expected)} row")
    for line, row in zip(lines[2:-1], expected, strict=True):
        assert [c.strip() for c in line.split(" | ")[:4]] == [*(str(row[i]) for i in range(3)), curie(row[3])]


def test_table_cuts_long_cells_and_says_so(run):
    cut = ok(run("query", "--saved", "claims", "--width", "30"))
    assert "…" in cut and "cells cut at 30 characters" in cut
    whole = ok(run("query", "--saved", "claims", "--width", "0"))
    assert "…" not in whole and "cells cut" not in whole
    assert max(len(line) for line in whole.splitlines()) > max(len(line) for line in cut.splitlines())


def test_table_compacts_iris_and_shows_literals_as_text(run):
    lines = ok(run("query", LABELS)).splitlines()
    assert any(line.startswith("kge:Russia ") and line.rstrip().endswith("| Russia") for line in lines)


# --- W3C result formats -----------------------------------------------------------------------------------------


def test_csv_is_the_w3c_format(run, seed_dataset):
    result = run("query", LABELS, "--format", "csv")
    raw = result.stdout_bytes.decode("utf-8")  # Result.stdout turns CRLF into LF
    assert ok(result) and raw.count("\r\n") == raw.count("\n") > 1
    rows = list(csv.reader(io.StringIO(raw)))
    assert rows[0] == ["e", "label"]
    expected = [[str(r[0]), str(r[1])] for r in run_query(seed_dataset, LABELS)]
    assert rows[1:] == expected and expected


def test_tsv_is_the_w3c_format(run, seed_dataset):
    out = ok(run("query", "--saved", "who-attacked-whom", "--format", "tsv"))
    lines = out.rstrip("\n").split("\n")
    assert lines[0] == "?attackerLabel\t?relation\t?targetLabel\t?modality\t?articles\t?evidence"
    first = lines[1].split("\t")
    assert len(first) == 6
    assert first[0].startswith('"') and first[0].endswith('"@en')  # language-tagged label
    assert first[1].startswith('"') and not first[1].endswith("@en")  # plain string
    assert first[3].startswith("<") and first[4].isdigit()  # an IRI; integers abbreviated, as Turtle writes them
    # the seed has evidence sentences ending in a newline: escaped, so every line keeps its five fields
    rows = ok(run("query", "--saved", "claims", "--format", "tsv")).rstrip("\n").split("\n")
    assert all(len(r.split("\t")) == 8 for r in rows)
    assert len(rows) - 1 == len(list(run_query(seed_dataset, saved_queries()["claims"].text)))


def test_json_is_the_w3c_format(run, seed_dataset):
    data = json.loads(ok(run("query", LABELS, "--format", "json")))
    assert data["head"]["vars"] == ["e", "label"]
    bindings = data["results"]["bindings"]
    assert len(bindings) == len(list(run_query(seed_dataset, LABELS)))
    russia = next(b for b in bindings if b["label"]["value"] == "Russia")
    assert russia["e"] == {"type": "uri", "value": str(KGE.Russia)}
    assert russia["label"]["xml:lang"] == "en"


def test_xml_is_the_w3c_format(run, seed_dataset):
    root = ET.fromstring(ok(run("query", LABELS, "--format", "xml")))
    assert [v.get("name") for v in root.iter(SRX + "variable")] == ["e", "label"]
    assert len(list(root.iter(SRX + "result"))) == len(list(run_query(seed_dataset, LABELS)))


# --- CONSTRUCT, DESCRIBE, ASK -------------------------------------------------------------------------------------

CONSTRUCT = (
    "CONSTRUCT { ?s kg:intrudesInto ?o . ?s skos:prefLabel ?l } WHERE { ?s kg:intrudesInto ?o ; skos:prefLabel ?l }"
)


def test_construct_gives_turtle_and_other_rdf_formats(run, seed_dataset):
    expected = run_query(seed_dataset, CONSTRUCT).graph
    assert expected is not None and len(expected) > 0
    turtle = ok(run("query", CONSTRUCT))
    assert "@prefix kge:" in turtle
    graphs = {"turtle": Graph().parse(data=turtle, format="turtle")}
    for fmt, parser in (("nt", "nt"), ("xml", "xml"), ("json", "json-ld"), ("jsonld", "json-ld"), ("turtle", "turtle")):
        graphs[fmt] = Graph().parse(data=ok(run("query", CONSTRUCT, "--format", fmt)), format=parser)
    for graph in graphs.values():
        assert set(graph) == set(expected)


def test_describe_gives_turtle(run):
    graph = Graph().parse(data=ok(run("query", "DESCRIBE kge:Poland")), format="turtle")
    assert (KGE.Poland, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("Poland", lang="en")) in graph


def test_ask_prints_true_or_false_and_exits_0_or_1(run, seed_dataset):
    assert run_query(seed_dataset, "ASK { kge:Russia kg:intrudesInto kge:Poland }").askAnswer
    yes = run("query", "ASK { kge:Russia kg:intrudesInto kge:Poland }")
    assert (yes.exit_code, yes.stdout) == (0, "true\n")
    no = run("query", "ASK { kge:Poland kg:intrudesInto kge:Russia }")
    assert (no.exit_code, no.stdout) == (1, "false\n")
    assert json.loads(run("query", "ASK { ?s ?p ?o }", "--format", "json").stdout)["boolean"] is True
    root = ET.fromstring(run("query", "ASK { kge:Poland kg:intrudesInto kge:Russia }", "--format", "xml").stdout)
    assert root.find(SRX + "boolean").text == "false"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('SELECT ?x WHERE { BIND("CONSTRUCT { } ASK" AS ?x) }', "SELECT"),
        ("# SELECT * WHERE {}\nASK { ?s ?p ?o }", "ASK"),
        ("PREFIX ask: <http://example.org/select#>\nCONSTRUCT { ?s ask:x ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("describe kge:Poland", "DESCRIBE"),
    ],
)
def test_the_query_type_comes_from_the_parsed_query(text, kind):
    assert query_kind(prepare(text)) == kind


def test_a_select_mentioning_construct_prints_a_table(run):
    out = ok(run("query", 'SELECT ?x WHERE { BIND("CONSTRUCT" AS ?x) }'))
    assert out.splitlines()[0] == "x" and "CONSTRUCT" in out


# --- where the query comes from -------------------------------------------------------------------------------------


def test_query_from_a_file_and_from_stdin(run, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text(INTRUDES, encoding="utf-8")
    from_arg = ok(run("query", INTRUDES))
    assert ok(run("query", "-f", str(path))) == from_arg
    assert ok(run("query", "-", input=INTRUDES)) == from_arg
    assert ok(run("query", "-f", "-", input=INTRUDES)) == from_arg
    assert "kge:Russia" in from_arg


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "no query"),
        ((INTRUDES, "--saved", "claims"), "one way only"),
        (("-f", "/nonexistent/q.rq"), "no such query file"),
        (("   ",), "the query is empty"),
        (("--saved", "who-attacked"), "no saved query 'who-attacked'; saved queries: claims-by-source"),
    ],
)
def test_bad_query_sources(run, args, message):
    assert message in fails(run("query", *args))


def test_graph_source_errors(run, tmp_path):
    assert "no graph given: pass --data FILE, --store DIR or --endpoint URL" in fails(
        run("query", INTRUDES, data=False)
    )
    assert "no such file" in fails(run("query", INTRUDES, "--data", str(tmp_path / "none.ttl"), data=False))
    assert "unknown RDF file extension" in fails(run("query", INTRUDES, "--data", str(tmp_path / "x.csv"), data=False))
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    assert "cannot parse" in fails(run("query", INTRUDES, "--data", str(bad), data=False))


def test_several_data_files_are_merged(corpus_files, seed_files):
    both = CliRunner().invoke(
        main, ["query", "--saved", "entities", "--format", "csv",
               "--data", str(seed_files["trig"]), "--data", str(corpus_files["ttl"])],
    )  # fmt: skip
    labels = {row[0] for row in csv.reader(io.StringIO(ok(both)))}
    assert {"Lithuania", "Estonia"} <= labels  # only in the corpus
    assert {"Oana Lungescu", "Jamie Shea"} <= labels  # only in the seed


# --- syntax errors, prefixes ------------------------------------------------------------------------------------------


def test_a_syntax_error_names_line_and_column(run):
    err = fails(run("query", "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?s = ) }"))
    assert err.startswith("Error: SPARQL syntax error at line 3, column 3, near 'FILTER(?s'")
    assert "  3 |   FILTER(?s = ) }" in err and err.rstrip().endswith("^")
    err = fails(run("query", "SELECT ?s WHERE {\n  ?s ?p ?o \n"))
    assert "at line 3, column 1, at the end of the query" in err
    assert "line 1, column 1, near 'SELEC'" in fails(run("query", "SELEC ?s WHERE { ?s ?p ?o }"))


def test_an_unknown_prefix_is_named(run):
    err = fails(run("query", "SELECT ?s WHERE {\n  ?s foo:bar ?o }"))
    assert err.startswith("Error: unknown prefix 'foo:' at line 2, column 6")
    assert "kg: kge:" in err


def test_prefixes_are_predeclared():
    known = prefix_map()
    for prefix in ("kg", "kge", "rdf", "rdfs", "owl", "xsd", "skos", "prov", "dcterms", "schema", "wd"):
        assert prefix in known
        prepare(f"SELECT * WHERE {{ ?s {prefix}:x ?o }}")


def test_the_loaded_files_prefixes_are_predeclared_and_used_in_tables(tmp_path):
    data = tmp_path / "extra.ttl"
    data.write_text("@prefix ex: <http://example.org/ns#> .\nex:a ex:p ex:b .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["query", "SELECT ?o WHERE { ex:a ex:p ?o }", "--data", str(data)])
    assert ok(result).splitlines()[2].strip() == "ex:b"


# --- --format does not fit the query ---------------------------------------------------------------------------------


def test_a_format_that_does_not_fit_the_query(run):
    assert "--format turtle does not fit a SELECT query" in fails(run("query", INTRUDES, "--format", "turtle"))
    assert "--format csv does not fit a CONSTRUCT query; use one of: turtle, nt, xml, json, jsonld" in fails(
        run("query", CONSTRUCT, "--format", "csv")
    )


# --- saved queries and --bind ----------------------------------------------------------------------------------------


def test_list_saved_shows_every_query_with_its_description():
    out = ok(CliRunner().invoke(main, ["query", "--list-saved"]))
    required = ("who-attacked-whom", "incursions", "membership", "claims-by-source", "contradictions",
                "most-corroborated", "claims")  # fmt: skip
    for name in required:
        assert name in saved_queries()
    for name, query in saved_queries().items():
        assert query.description and query.description in out
        assert any(line.startswith(name + " ") for line in out.splitlines())
        assert query.parameters, f"{name}: no '# bind:' comment"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<https://w3id.org/kgraph/entity/Russia>", KGE.Russia),
        ("kge:Russia", KGE.Russia),
        ("kg:Negated", KG.Negated),
        ('"officials"', Literal("officials")),
        ('"Russia"@en', Literal("Russia", lang="en")),
        ('"2025-09-10"^^xsd:date', Literal("2025-09-10", datatype=XSD_NS + "date")),
        ('"a \\"quoted\\" word"', Literal('a "quoted" word')),
        ("42", Literal(42)),
        ("-0.5", Literal("-0.5", datatype=XSD_NS + "decimal")),
        ("true", Literal(True)),
        ("officials", Literal("officials")),
        ("http://example.org/x", Literal("http://example.org/x")),
    ],
)
def test_bind_values_are_written_as_in_turtle(value, expected):
    assert parse_term(value, prefix_map()) == expected


@pytest.mark.parametrize(
    ("value", "message"), [("foo:bar", "unknown prefix 'foo:'"), ("<not an iri>", "not a valid IRI")]
)
def test_bad_bind_values(value, message):
    with pytest.raises(InputError, match=message):
        parse_term(value, prefix_map())


@pytest.mark.parametrize("name", ["Vladimir Putin", "vladimir putin", "Putin", "kge:VladimirPutin"])
def test_bind_an_entity_by_label_or_iri(run, name):
    rows = ok(run("query", "--saved", "who-attacked-whom", "--bind", f"attacker={name}", "--format", "csv"))
    found = list(csv.DictReader(io.StringIO(rows)))
    assert found and {r["attackerLabel"] for r in found} == {"Vladimir Putin"}


def test_bind_by_an_ontology_alias(run):
    by_alias = ok(run("query", "--saved", "who-attacked-whom", "--bind", "attacker=Russian Federation"))
    assert by_alias == ok(run("query", "--saved", "who-attacked-whom", "--bind", "attacker=kge:Russia"))
    assert "Russia" in by_alias


def test_bind_a_string(corpus_files):
    result = CliRunner().invoke(
        main, ["query", "--saved", "claims-by-source", "--bind", "source=officials", "--format", "csv",
               "--data", str(corpus_files["trig"])],
    )  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(ok(result))))
    assert [r["sourceLabel"] for r in rows] == ["officials"]


@pytest.mark.parametrize(
    ("bind", "message"),
    [
        ("attacker=Donald", "'Donald' is ambiguous: Donald Trump (kge:DonaldTrump, Person); Donald Tusk"),
        ("attackr=kge:Russia", "?attackr is not a variable of this query; its variables: ?article ?articles ?attacker"),
        ("attacker", "--bind expects NAME=VALUE"),
        ("attacker=", "--bind attacker= needs a value"),
        ("attacker=foo:x", "unknown prefix 'foo:'"),
    ],
)
def test_bad_bindings(run, bind, message):
    assert message in fails(run("query", "--saved", "who-attacked-whom", "--bind", bind))


def test_bindings_are_bound_not_pasted(run):
    """A value with SPARQL syntax in it is one literal: it cannot change the query."""
    hostile = '"x" } UNION { ?attacker ?p ?target } #'
    out = ok(run("query", "--saved", "claims-by-source", "--bind", f"source={hostile}"))
    assert out.rstrip().endswith("(0 rows)")


# --- asserted facts and claims ----------------------------------------------------------------------------------------


def test_plain_queries_see_asserted_facts_and_claims_reach_the_rest(seed_results, seed_dataset):
    asserted = {
        (c.subject, c.property, c.object) for r in seed_results for c in r.claims if c.modality.value == "asserted"
    }
    others = [c for r in seed_results for c in r.claims if c.modality.value != "asserted"]
    assert others, "the seed article has hedged, negated or reported claims"
    for claim in others:
        spo = (claim.subject, claim.property, claim.object)
        bindings = {"s": URIRef(spo[0]), "p": URIRef(str(KG._NS) + spo[1]), "o": URIRef(spo[2])}
        plain = run_query(seed_dataset, "ASK { ?s ?p ?o }", bindings)
        assert plain.askAnswer == (spo in asserted), claim
    rows = run_query(seed_dataset, saved_queries()["claims"].text)
    shown = {(str(r.modality).rsplit("#")[-1].lower(), str(r.relation), str(r.evidence)) for r in rows}  # type: ignore[union-attr]
    assert shown == {(c.modality.value, c.property, c.sentence) for c in others}


def test_syntax_errors_raise_query_error():
    with pytest.raises(QueryError, match="line 1, column 8"):
        prepare("SELECT WHERE { ?s ?p ?o }")


# --- --store ----------------------------------------------------------------------------------------------------


def test_store_answers_like_the_files(seed_files, seed_dataset, tmp_path, run):
    from kgraph.store import Store

    folder = tmp_path / "store"
    with Store(folder) as store:
        store.load(seed_files["trig"])
    for name in saved_queries():
        from_store = CliRunner().invoke(main, ["query", "--saved", name, "--format", "csv", "--store", str(folder)])
        from_files = run("query", "--saved", name, "--format", "csv")
        header, *rows = ok(from_store).splitlines()
        f_header, *f_rows = ok(from_files).splitlines()
        assert header == f_header and sorted(rows) == sorted(f_rows), name
    ask = CliRunner().invoke(main, ["query", "ASK { kge:Poland kg:intrudesInto kge:Russia }", "--store", str(folder)])
    assert (ask.exit_code, ask.stdout) == (1, "false\n")
    bound = CliRunner().invoke(
        main, ["query", "--saved", "who-attacked-whom", "--bind", "attacker=Vladimir Putin", "--store", str(folder)]
    )
    assert "Vladimir Putin" in ok(bound)


def test_an_endpoint_answers_like_the_files(oxigraph_server, corpus_files):
    """The corpus (four articles that share entities) pushed to a real Oxigraph server, then queried over HTTP."""
    pushed = CliRunner().invoke(
        main, ["push", "--data", str(corpus_files["trig"]), "--endpoint", oxigraph_server.url, "--preset", "oxigraph"]
    )
    assert pushed.exit_code == 0, pushed.output
    endpoint = oxigraph_server.url + "/query"
    for name in saved_queries():
        remote = CliRunner().invoke(main, ["query", "--saved", name, "--format", "csv", "--endpoint", endpoint])
        local = CliRunner().invoke(
            main, ["query", "--saved", name, "--format", "csv", "--data", str(corpus_files["trig"])]
        )
        assert sorted(ok(remote).splitlines()) == sorted(ok(local).splitlines()), name
    why = ["why", "Russia", "intrudesInto", "Poland"]
    remote = CliRunner().invoke(main, [*why, "--endpoint", endpoint])
    assert ok(remote) == ok(CliRunner().invoke(main, [*why, "--data", str(corpus_files["trig"])]))


def test_readme_commands(seed_files):
    """The README's "Querying and analytics" commands, as written, on the seed graph as out/graph.trig."""
    import re
    import shlex
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Querying and analytics", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block
    commands = [shlex.split(line) for line in block.group(1).splitlines() if line.startswith("kgraph ")]
    assert len(commands) >= 10
    for words in commands:
        args = [str(seed_files["trig"]) if w == "out/graph.trig" else w for w in words[1:]]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (words, result.output)
        assert result.stdout.strip(), words


def test_table_cells_are_prefixed_names_sparql_reads_back_or_full_iris():
    """``kge:Organization/X`` is no prefixed name (a "/" in the local part): the table gives the full IRI."""
    from rdflib import Graph

    from kgraph.query import format_result, run_query

    graph = Graph()
    for local in ("Russia", "Organization/RosneftLukoil", "ends.", "a.b"):
        graph.add((URIRef(KGE[local]), URIRef("http://example.org/p"), Literal(local)))
    result = run_query(graph, "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?o")
    table = format_result(result, "table", prefixes={"kge": str(KGE)})
    cells = [line.strip() for line in table.splitlines()[2:] if line.strip() and not line.startswith("(")]
    assert cells == [f"<{KGE}Organization/RosneftLukoil>", "kge:Russia", "kge:a.b", f"<{KGE}ends.>"]
    for cell in cells:  # each reads back as the same term
        back = run_query(graph, f"SELECT ?o WHERE {{ {cell} ?p ?o }}", None)
        assert len(list(back)) == 1, cell
