"""Values bound into SPARQL text: ``VALUES (?a ?b) { (t1 t2) }`` opening the query's WHERE group, for remote
endpoints and for variables Oxigraph's substitutions refuse (those outside a SELECT's projection).

The WHERE group is found by a small lexer over SPARQL's token classes (strings, IRIs, comments, variables,
prefixed names, words, punctuation), not a full parse: neither rdflib's parser nor pyoxigraph reports where in
the text a group starts. Terms are written by Oxigraph's N-Triples serialiser, never pasted as raw text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rdflib import BNode
from rdflib.term import Node

from ..errors import QueryError
from .terms import to_oxigraph

_LEXER = re.compile(
    r"""(?P<comment>\#[^\n]*)
    |(?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
    |(?P<pname>(?:[A-Za-z][\w.-]*)?:[\w.%-]*)
    |(?P<word>[A-Za-z]+)
    |(?P<other>.)""",
    re.S | re.X,
)
_FORMS = frozenset({"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"})
_VAR_NAME = re.compile(r"[A-Za-z0-9_]+")


def variable_name(key: str) -> str:
    name = str(key).lstrip("?$")
    if not _VAR_NAME.fullmatch(name):
        raise QueryError(f"not a SPARQL variable name: {key!r}")
    return name


def _where_start(text: str) -> int | None:
    """Offset just inside the query's WHERE group: strings, IRIs and comments are skipped, a CONSTRUCT template
    and EXISTS groups inside SELECT expressions are not mistaken for it."""
    form: str | None = None
    template_pending = False
    depth = parens = 0
    for match in _LEXER.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "word":
            upper = token.upper()
            if form is None and upper in _FORMS and depth == 0:
                form, template_pending = upper, upper == "CONSTRUCT"
            elif upper == "WHERE" and depth == 0:
                template_pending = False
        elif kind == "other":
            if token == "(":
                parens += 1
            elif token == ")":
                parens -= 1
            elif token == "{":
                if form is not None and depth == 0 and parens == 0 and not template_pending:
                    return match.end()
                template_pending = False if depth == 0 and parens == 0 else template_pending
                depth += 1
            elif token == "}":
                depth -= 1
    return None


def uses_graph(sparql: str) -> bool:
    """Whether the query has a GRAPH pattern (strings, IRIs and comments skipped)."""
    return any(m.lastgroup == "word" and m.group().upper() == "GRAPH" for m in _LEXER.finditer(sparql))


def service_iris(sparql: str) -> list[str]:
    """What each SERVICE keyword of the query names (an IRI, a prefixed name or a variable; strings, IRIs and
    comments skipped)."""
    tokens = [m for m in _LEXER.finditer(sparql) if m.lastgroup not in ("comment",) and not m.group().isspace()]
    found = []
    for i, match in enumerate(tokens):
        if match.lastgroup == "word" and match.group().upper() == "SERVICE":
            rest = tokens[i + 1 : i + 3]
            if rest and rest[0].lastgroup == "word" and rest[0].group().upper() == "SILENT":
                rest = rest[1:]
            found.append(rest[0].group() if rest else "?")
    return found


def bind_values(sparql: str, bindings: Mapping[str, Node], *, nested: bool = False) -> str:
    """The query with ``VALUES (?a ?b) { (t1 t2) }`` opening its WHERE group: the same answers as binding the
    variables beforehand. ``nested``: where the WHERE group holds a sub-select, its content becomes a group of
    its own after the block: Virtuoso 7 drops an opening VALUES joined with a sub-select, not one joined with a
    group (a FILTER of that group on a bound variable would not see the value: our saved queries have none).
    Terms are written by Oxigraph's N-Triples serialiser, never pasted as raw text."""
    if not bindings:
        return sparql
    names, terms = [], []
    for key, value in bindings.items():
        if isinstance(value, BNode):
            raise QueryError(f"cannot bind ?{variable_name(key)} to a blank node")
        names.append("?" + variable_name(key))
        terms.append(str(to_oxigraph(value)))
    where = _where_start(sparql)
    if where is None:
        raise QueryError("cannot bind variables: the query has no WHERE clause")
    values = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }} "
    if nested:
        end = _group_end(sparql, where)
        if _has_subselect(sparql, where, end):
            return sparql[:where] + values + "{" + sparql[where:end] + "\n} " + sparql[end:]
    return sparql[:where] + values + sparql[where:]


def bind_value_set(sparql: str, name: str, terms: Sequence[Node]) -> str:
    """The query with ``VALUES ?name { t1 t2 }`` opening the WHERE group of the (sub)query that first mentions
    ?name: ?name takes any of ``terms``, also where a sub-select counts over it. Unchanged where ?name is absent."""
    var = "?" + variable_name(name)
    opened: list[int | None] = []  # per open brace: the offset inside it when it is a query's WHERE group
    waiting = template = False  # a SELECT/ASK/DESCRIBE/WHERE awaits its group; a CONSTRUCT its template first
    parens = 0
    for match in _LEXER.finditer(sparql):
        kind, token = match.lastgroup, match.group()
        if kind == "word" and token.upper() in ("SELECT", "ASK", "DESCRIBE", "WHERE", "CONSTRUCT"):
            waiting, template = True, token.upper() == "CONSTRUCT"
        elif kind == "other" and token in "()":
            parens += 1 if token == "(" else -1
        elif kind == "other" and token == "{":
            group = waiting and not template and parens == 0
            opened.append(match.end() if group else None)
            waiting = template = False
        elif kind == "other" and token == "}" and opened:
            opened.pop()
        elif kind == "var" and token[1:] == var[1:]:
            where = next((at for at in reversed(opened) if at is not None), None)
            if where is None:
                continue  # in a projection, outside every group
            if any(isinstance(t, BNode) for t in terms):
                raise QueryError(f"cannot bind {var} to a blank node")
            values = f" VALUES {var} {{ {' '.join(str(to_oxigraph(t)) for t in terms)} }} "
            return sparql[:where] + values + sparql[where:]
    return sparql


def _has_subselect(text: str, start: int, end: int) -> bool:
    """Whether the group between ``start`` and ``end`` holds ``{ SELECT`` at its own level."""
    depth, opened = 0, False
    for match in _LEXER.finditer(text, start, end):
        token = match.group()
        if token.isspace() or match.lastgroup == "comment":
            continue
        if opened and depth == 1 and match.lastgroup == "word" and token.upper() == "SELECT":
            return True
        opened = token == "{"
        depth += (token == "{") - (token == "}")
    return False


def _group_end(text: str, start: int) -> int:
    """Offset of the ``}`` that closes the group opened just before ``start``."""
    depth = 0
    for match in _LEXER.finditer(text, start):
        if match.group() == "{":
            depth += 1
        elif match.group() == "}":
            if depth == 0:
                return match.start()
            depth -= 1
    raise QueryError("cannot bind variables: the WHERE group is not closed")
