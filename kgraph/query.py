"""SPARQL over a graph. Takes query text (or the name of a saved query in kgraph/queries/*.rq) and values to
bind; yields rdflib Results and their text as a table, the W3C SPARQL 1.1 result formats (CSV, TSV, JSON, XML)
or, for CONSTRUCT/DESCRIBE, an RDF format.

Prefixes are predeclared (ours plus those of the loaded files); values are bound with initBindings, never pasted
into the query text; errors name the line and column, or the unknown prefix.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from pyparsing import ParseBaseException
from rdflib import XSD, BNode, Dataset, Literal, URIRef, Variable
from rdflib.namespace import NamespaceManager
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result
from rdflib.term import Node

from . import formats
from .choices import RESULT_FORMATS
from .errors import InputError, QueryError
from .network import current_policy, refuse_remote, refuse_service, socket_timeout
from .selection import MODALITIES, modality_iris, modality_set
from .vocab import PREFIXES, curie

SAVED_DIR = Path(__file__).resolve().parent / "queries"
# --format for CONSTRUCT/DESCRIBE: names of kgraph.formats; "table" (the default) means Turtle, "json" JSON-LD
GRAPH_FORMATS = ("table", "turtle", "nt", "xml", "json", "jsonld")
_GRAPH_ALIASES = {"table": "turtle", "json": "jsonld"}

_UNKNOWN_PREFIX = re.compile(r"Unknown namespace prefix\s*:\s*(\S*)")
_PREFIX_NAME = re.compile(r"[A-Za-z][\w.-]*")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(\S+))?', re.S)
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "'": "'", "\\": "\\"}


def prefix_map(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Our prefixes, then ``extra`` (the loaded files' own). Ours win, so ``kg:`` always means our ontology,
    and come first, so that compacting an IRI prefers them."""
    ours = {k: str(v) for k, v in PREFIXES.items()}
    return ours | {k: str(v) for k, v in (extra or {}).items() if k and k not in ours}


def prepare(text: str, extra_prefixes: Mapping[str, str] | None = None) -> Any:
    """Parse SPARQL with the predeclared prefixes; a bad query raises QueryError naming line and column."""
    namespaces = prefix_map(extra_prefixes)
    try:
        return prepareQuery(text, initNs=namespaces)
    except ParseBaseException as exc:
        raise QueryError(_syntax_message(text, exc)) from exc
    except Exception as exc:  # rdflib raises a bare Exception for an unknown prefix, others for the rest
        found = _UNKNOWN_PREFIX.search(str(exc))
        if found:
            raise QueryError(_prefix_message(text, found.group(1))) from exc
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"invalid SPARQL: {message}") from exc


def _mask(text: str) -> str:
    """The query with IRIs, strings and comments blanked (same length), so that a search finds only syntax."""
    return re.sub(
        r"<[^<>\s]*>|\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*",
        lambda m: re.sub(r"[^\n]", " ", m.group(0)),
        text,
    )


def _excerpt(text: str, line: int, col: int) -> str:
    """The offending line with a caret under the column, as compilers show it (tabs expanded, as pyparsing
    counts columns)."""
    lines = text.splitlines()
    shown = lines[line - 1].expandtabs() if 0 < line <= len(lines) else ""
    gutter = f"  {line} | "
    return f"\n{gutter}{shown}\n{' ' * (len(gutter) - 2)}| {' ' * (col - 1)}^"


def _syntax_message(text: str, exc: ParseBaseException) -> str:
    """Line, column and the text where the parser stopped. pyparsing reports the start of the construct that
    failed (a FILTER with a bad expression is reported at FILTER), which reads better than the furthest point
    a backtracking parser reached."""
    line, col = exc.lineno, exc.col
    lines = text.splitlines()
    rest = lines[line - 1].expandtabs()[col - 1 :].strip() if 0 < line <= len(lines) else ""
    if rest:
        where = f"near {rest.split()[0][:30]!r}"
    else:
        where = "at the end of the query (a brace, bracket or quote left open?)"
    return f"SPARQL syntax error at line {line}, column {col}, {where}{_excerpt(text, line, col)}"


def _prefix_message(text: str, prefix: str) -> str:
    where = ""
    found = re.search(rf"(?<![\w:?$]){re.escape(prefix)}:", _mask(text))
    if found:
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        where = f" at line {line}, column {col}"
    return f"unknown prefix {prefix + ':'!r}{where}; declare it (PREFIX {prefix}: <...>) or use one of: " + " ".join(
        f"{p}:" for p in PREFIXES
    )


def query_kind(prepared: Any) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE, from the parsed query (never from the text)."""
    name = prepared.algebra.name  # "SelectQuery", "ConstructQuery", ...
    return name.removesuffix("Query").upper()


def query_variables(prepared: Any) -> set[str]:
    """Every variable the parsed query mentions (rdflib's own __agg_N__ helpers left out)."""
    found: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, Variable) and not str(node).startswith("__"):
            found.add(str(node))

    traverse(prepared.algebra, visitPost=visit)
    return found


def check_network(prepared: Any, dataset: Dataset) -> bool:
    """Refuse what would make rdflib reach out (kgraph.network): SERVICE clauses, and FROM / FROM NAMED IRIs
    that name no graph of ``dataset`` (rdflib fetches or reads those). True when the query may reach out."""
    services: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            services.append(str(node["term"]))

    traverse(prepared.algebra, visitPost=visit)
    for service in services:
        refuse_service(f"SERVICE <{service}>")
    fetched = False
    for clause in prepared.algebra.get("datasetClause") or ():
        # CompValue.get answers the key's name for a missing key: ask with "in"
        iri = clause["default"] if "default" in clause else clause["named"] if "named" in clause else None  # noqa: SIM401
        if iri is not None and not len(dataset.get_context(iri)):  # rdflib loads the IRI of an empty graph
            refuse_remote(str(iri))
            fetched = True
    return bool(services) or fetched


def run_query(dataset: Dataset, text: str, bindings: Mapping[str, Any] | None = None) -> Result:
    """Evaluate SPARQL on a Dataset (the union of its graphs is the default graph) with initBindings. Nothing
    is fetched unless kgraph.network allows it, and then with its time-out."""
    prepared = prepare(text, {p: str(n) for p, n in dataset.namespaces()})
    reaches_out = check_network(prepared, dataset)
    try:
        if not reaches_out:
            return dataset.query(prepared, initBindings=dict(bindings or {}))
        with socket_timeout(current_policy().timeout):
            result = dataset.query(prepared, initBindings=dict(bindings or {}))
            result.bindings  # noqa: B018 (evaluate now, while the time-out holds: results are lazy)
            return result
    except TimeoutError as exc:
        raise QueryError(f"query failed: a remote source did not answer within {current_policy().timeout:g} s") from exc
    except Exception as exc:  # evaluation errors
        raise QueryError(f"query failed: {exc}") from exc


class Queryable(Protocol):
    """Anything that answers SPARQL: kgraph.sources.open_source(...) (files, store, endpoint)."""

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Result: ...


def execute(
    source: Queryable,
    text: str,
    bindings: Mapping[str, Node] | None = None,
    extra_prefixes: Mapping[str, str] | None = None,
) -> tuple[str, Result]:
    """Check a query (syntax, prefixes, bound variables), run it on ``source``; returns (kind, result)."""
    prepared = prepare(text, extra_prefixes)
    check_bindings(prepared, bindings or {})
    return query_kind(prepared), source.query(text, dict(bindings or {}))


# --- saved queries ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SavedQuery:
    """A query shipped in kgraph/queries/NAME.rq. Its leading comments: the description, then ``# bind: ...``
    and ``# modality: ...`` (the modalities it reads unless told otherwise: names, or all)."""

    name: str
    description: str
    parameters: str  # what --bind accepts, from the "# bind:" comment ("" when none)
    text: str
    path: Path
    modality: str = ""  # the default modalities, from the "# modality:" comment ("" when it reads no ?modality)

    def text_for(self, modalities: Iterable[str] | None = None) -> str:
        """The query reading ``modalities`` (names, or all; None: its default)."""
        if modalities is None and not self.modality:
            return self.text
        return with_modalities(self.text, modality_set(modalities, self.modality.split()))


def with_modalities(text: str, modalities: Iterable[str]) -> str:
    """The query with ?modality restricted to ``modalities`` (names) where the (sub)query that first mentions
    it reads it; InputError for a query without ?modality."""
    from .store import bind_value_set  # pyoxigraph's serialiser writes the terms: loaded only when needed

    if "modality" not in query_variables(prepare(text)):
        raise InputError("--modality needs a query that reads ?modality (kg:modality ?modality)")
    chosen = modality_set(modalities)
    if chosen == frozenset(MODALITIES):
        return text
    return bind_value_set(text, "modality", [URIRef(iri) for iri in modality_iris(chosen)])


def _parse_saved(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    comments = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comments.append(line.lstrip("#").strip())
    description = comments[0] if comments else ""
    parameters = next((c.split(":", 1)[1].strip() for c in comments[1:] if c.lower().startswith("bind:")), "")
    modality = next((c.split(":", 1)[1].strip() for c in comments[1:] if c.lower().startswith("modality:")), "")
    return SavedQuery(path.stem, description, parameters, text, path, modality)


@cache
def saved_queries(folder: Path = SAVED_DIR) -> dict[str, SavedQuery]:
    """Saved queries by name, sorted."""
    return {path.stem: _parse_saved(path) for path in sorted(folder.glob("*.rq"))}


def saved_query(name: str) -> SavedQuery:
    queries = saved_queries()
    key = name.removesuffix(".rq")
    if key not in queries:
        raise InputError(f"no saved query {name!r}; saved queries: {', '.join(queries)} (kgraph query --list-saved)")
    return queries[key]


# --- values for --bind --------------------------------------------------------------------------------------


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def parse_term(value: str, prefixes: Mapping[str, str], resolve: Callable[[str], Node | None] | None = None) -> Node:
    """A value written as in Turtle: ``<iri>``, ``prefix:name``, ``"text"@en``, ``"2025"^^xsd:gYear``, ``42``,
    ``true``. Anything else is a name: ``resolve`` may turn it into an entity IRI; otherwise it is a string."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        iri = text[1:-1]
        if not iri or re.search(r'[\s<>"{}|^`\\]', iri):
            raise InputError(f"{value!r} is not a valid IRI")
        return URIRef(iri)
    literal = _LITERAL.fullmatch(text)
    if literal:
        lexical, lang, datatype = literal.groups()
        dt = parse_term(datatype, prefixes) if datatype else None
        if datatype and not isinstance(dt, URIRef):
            raise InputError(f"{value!r}: datatype {datatype!r} is not an IRI")
        return Literal(_unescape(lexical), lang=lang, datatype=str(dt) if dt is not None else None)
    prefix, colon, local = text.partition(":")
    if colon and (prefix == "" or _PREFIX_NAME.fullmatch(prefix)) and not re.search(r"\s", local):
        if prefix in prefixes:
            return URIRef(prefixes[prefix] + local)
        if not local.startswith("//"):  # "http://..." without <> is a plain string, not an unknown prefix
            raise InputError(f"unknown prefix {prefix + ':'!r} in {value!r}; known: " + " ".join(sorted(prefixes)))
    if text in ("true", "false"):
        return Literal(text == "true")
    if _NUMBER.fullmatch(text):
        return _number(text)
    if resolve is not None:
        found = resolve(text)
        if found is not None:
            return found
    return Literal(text)


def _number(text: str) -> Literal:
    if re.fullmatch(r"[+-]?\d+", text):
        return Literal(int(text))
    if "e" in text.lower():
        return Literal(float(text), datatype=XSD.double)
    try:
        return Literal(Decimal(text), datatype=XSD.decimal)
    except InvalidOperation as exc:  # pragma: no cover - _NUMBER only admits valid decimals
        raise InputError(f"{text!r} is not a number") from exc


def parse_binding(
    spec: str, prefixes: Mapping[str, str], resolve: Callable[[str], Node | None] | None = None
) -> tuple[str, Node]:
    """``name=value`` (as given to --bind) -> (variable name, RDF term)."""
    name, sep, value = spec.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", name):
        raise InputError(f"--bind expects NAME=VALUE (e.g. attacker=Russia), got {spec!r}")
    if not value.strip():
        raise InputError(f"--bind {name}= needs a value")
    return name, parse_term(value, prefixes, resolve)


def check_bindings(prepared: Any, bindings: Mapping[str, Any]) -> None:
    """A bound variable the query never mentions is a typo: say so instead of silently ignoring it."""
    known = query_variables(prepared)
    for name in bindings:
        if name not in known:
            listing = " ".join(f"?{v}" for v in sorted(known)) or "(none)"
            raise InputError(f"?{name} is not a variable of this query; its variables: {listing}")


# --- why an answer is empty -----------------------------------------------------------------------------------


def empty_hints(
    text: str, bindings: Mapping[str, Node], prefixes: Mapping[str, str] | None = None, terms: Iterable[str] = ()
) -> list[str]:
    """Likely causes of an empty answer: a kg: term that neither our vocabulary nor ``terms`` (the ontology's
    classes and properties) has, or a ?modality bound to something that is no modality."""
    import difflib

    from .vocab import KG

    namespace = str(KG._NS)
    known = sorted(set(KG.__annotations__) | set(terms))
    found: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, URIRef) and str(node).startswith(namespace):
            found.add(str(node)[len(namespace) :])

    traverse(prepare(text, prefixes).algebra, visitPost=visit)
    found |= {str(v)[len(namespace) :] for v in bindings.values() if str(v).startswith(namespace)}
    hints = []
    for local in sorted(found - set(known)):
        close = difflib.get_close_matches(local, known, n=2, cutoff=0.7)
        also = f"; did you mean {' or '.join('kg:' + c for c in close)}?" if close else ""
        hints.append(f"kg:{local} is not a term of the kgraph vocabulary{also}")
    modality = bindings.get("modality")
    if modality is not None and str(modality) not in modality_iris(MODALITIES):
        hints.append(
            f"?modality is bound to {modality.n3()}, which is no modality: use kg:Asserted, kg:Reported, kg:Hedged "
            "or kg:Negated (or --modality reported)"
        )
    return hints


# --- output -------------------------------------------------------------------------------------------------


def _namespace_manager(prefixes: Mapping[str, str] | None) -> NamespaceManager:
    from rdflib import Graph

    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, ns in prefix_map(prefixes).items():
        manager.bind(prefix, ns, override=True, replace=True)
    return manager


def _cell(value: Any, prefixes: Mapping[str, str] | None = None) -> str:
    """Table text: IRIs as prefixed names, literals as their text, blank nodes as _:id."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return (curie(str(value), prefixes, strict=True) or f"<{value}>") if prefixes is not None else str(value)
    if isinstance(value, BNode):
        return f"_:{value}"
    return " ".join(str(value).split())  # newlines inside evidence would break the row


def _cut(text: str, width: int) -> str:
    return text if width <= 0 or len(text) <= width else text[: width - 1] + "…"


def format_table(result: Result, prefixes: Mapping[str, str] | None = None, width: int = 0) -> str:
    """A readable table: one row per solution, IRIs compacted, cells cut at ``width`` characters (0: never)."""
    names = [str(v) for v in result.vars or []]
    table_prefixes = prefix_map(prefixes)
    full = [[_cell(row[i], table_prefixes) for i in range(len(names))] for row in result]  # type: ignore[index]
    rows = [[_cut(c, width) for c in r] for r in full]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = "-+-".join("-" * w for w in widths)
    out = [" | ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(), line]
    out += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    footer = f"({len(rows)} row{'s' if len(rows) != 1 else ''}"
    if rows != full:
        footer += f"; cells cut at {width} characters, --width 0 shows them whole"
    out.append(footer + ")")
    return "\n".join(out)


def _nt_term(value: Any) -> str:
    """A term as the W3C SPARQL TSV format writes it: Turtle syntax, one line, numbers abbreviated."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return f"<{value}>"
    if isinstance(value, BNode):
        return f"_:{value}"
    lexical = str(value)
    if value.datatype in (XSD.integer, XSD.decimal, XSD.double, XSD.boolean) and _is_canonical(value):
        return lexical
    escaped = lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    escaped = escaped.replace("\t", "\\t")
    if value.language:
        return f'"{escaped}"@{value.language}'
    if value.datatype and value.datatype != XSD.string:
        return f'"{escaped}"^^<{value.datatype}>'
    return f'"{escaped}"'


def _is_canonical(value: Literal) -> bool:
    lexical = str(value)
    if value.datatype == XSD.integer:
        return re.fullmatch(r"[+-]?\d+", lexical) is not None
    if value.datatype == XSD.decimal:
        return re.fullmatch(r"[+-]?\d*\.\d+", lexical) is not None
    if value.datatype == XSD.double:
        return re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+", lexical) is not None
    return lexical in ("true", "false")


def format_csv(result: Result) -> str:
    """W3C SPARQL 1.1 CSV: header of variable names, IRIs and literals as plain text, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([str(v) for v in result.vars or []])
    for row in result:
        writer.writerow([_cell(v) for v in row])  # type: ignore[union-attr]
    return buffer.getvalue()


def format_tsv(result: Result) -> str:
    """W3C SPARQL 1.1 TSV: header ?name, terms in Turtle syntax separated by tabs."""
    lines = ["\t".join(f"?{v}" for v in result.vars or [])]
    lines += ["\t".join(_nt_term(v) for v in row) for row in result]  # type: ignore[union-attr]
    return "\n".join(lines) + "\n"


def output_format(kind: str, fmt: str | None) -> str:
    """The --format to use for a query of ``kind``: ``fmt`` if it fits, "table" (Turtle for graphs) if None."""
    chosen = fmt or "table"
    allowed = GRAPH_FORMATS if kind in ("CONSTRUCT", "DESCRIBE") else RESULT_FORMATS
    if chosen not in allowed:
        shown = [f for f in allowed if f != "table"] if kind in ("CONSTRUCT", "DESCRIBE") else allowed
        raise QueryError(f"--format {chosen} does not fit a {kind} query; use one of: {', '.join(shown)}")
    return chosen


def format_result(
    result: Result, fmt: str = "table", *, prefixes: Mapping[str, str] | None = None, width: int = 0
) -> str:
    """Text of a query result. SELECT: table/csv/tsv/json/xml. ASK: true/false (JSON/XML boolean results with
    json/xml). CONSTRUCT/DESCRIBE: Turtle by default, or turtle/nt/xml (RDF/XML)/json (JSON-LD)/jsonld."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"{result.type} gives a graph: use --format {', '.join(GRAPH_FORMATS)}, not {fmt}")
        graph = result.graph
        assert graph is not None
        graph.namespace_manager = _namespace_manager(prefixes)
        return graph.serialize(format=formats.by_name(_GRAPH_ALIASES.get(fmt, fmt)).name)
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"{result.type} gives result rows: use --format {', '.join(RESULT_FORMATS)}, not {fmt}")
    if result.type == "ASK" and fmt not in ("json", "xml"):
        return "true" if result.askAnswer else "false"
    if fmt == "table":
        return format_table(result, prefixes, width)
    if fmt == "csv":
        return format_csv(result)
    if fmt == "tsv":
        return format_tsv(result)
    if fmt == "json":
        raw = result.serialize(format="json")
        assert raw is not None  # rdflib returns None only when given a destination
        return json.dumps(json.loads(raw), indent=2, ensure_ascii=False) + "\n"
    return result.serialize(format="xml").decode("utf-8")  # type: ignore[union-attr]
