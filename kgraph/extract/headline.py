"""Title Case headlines ("Poland Shoots Down Russian Drones Over Its Territory") mislead the tagger, the parser
and the NER, which read every capitalised word as a name. The headline is parsed sentence-cased instead —
a word keeps its capital only when it is the first, an acronym, part of a name the ontology knows, or a word
the article itself capitalises inside a sentence. The casing keeps every character's offset, so spans still
index into the title, and claims and mentions take their text from the title itself."""

from __future__ import annotations

import re

from ..ontology import Ontology

_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
# a headline is Title Case when most of its longer words open with a capital
_TITLE_CASE_SHARE = 0.7
_LONG_WORD = 4


def _is_title_case(title: str) -> bool:
    words = [w for w in _WORD.findall(title) if len(w) >= _LONG_WORD]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= _TITLE_CASE_SHARE


def name_forms(ontology: Ontology) -> tuple[str, ...]:
    """Every name, alias and demonym the ontology knows, longest first."""
    forms = {f for ind in ontology.individuals.values() for f in (ind.label, *ind.aliases, *ind.demonyms)}
    return tuple(sorted((f for f in forms if f[:1].isupper()), key=len, reverse=True))


def _named_chars(title: str, forms: tuple[str, ...]) -> set[int]:
    """Offsets of the title's characters inside a name the ontology knows."""
    chars: set[int] = set()
    for form in forms:
        start = title.find(form)
        while start >= 0:
            end = start + len(form)
            if (start == 0 or not title[start - 1].isalnum()) and (end == len(title) or not title[end].isalnum()):
                chars.update(range(start, end))
            start = title.find(form, start + 1)
    return chars


def _capitalised_in(text: str) -> frozenset[str]:
    """Words the text capitalises inside a sentence or inside a run of capitals: its names ("Saber Strike")."""
    words = set()
    matches = list(_WORD.finditer(text))
    for i, match in enumerate(matches):
        if not match.group()[0].isupper():
            continue
        before = text[: match.start()].rstrip()
        initial = not before or before[-1] in '.!?:;"“‘(\n•-–—'
        following = matches[i + 1] if i + 1 < len(matches) else None
        in_run = following is not None and following.group()[0].isupper() and following.start() - match.end() == 1
        if not initial or in_run:
            words.add(match.group())
    return frozenset(words)


def sentence_case(title: str, text: str, names: tuple[str, ...]) -> str:
    """The headline as the parser should read it (same length, same word boundaries); ``title`` unchanged
    when it is not Title Case. ``names`` are the ontology's names (``name_forms``)."""
    if not _is_title_case(title):
        return title
    keep, named = _capitalised_in(text), _named_chars(title, names)
    out, first = [], True
    last = 0
    for match in _WORD.finditer(title):
        word = match.group()
        out.append(title[last : match.start()])
        lowered = word[0].isupper() and word[1:].islower() and not first and word not in keep
        lowered = lowered and match.start() not in named
        out.append(word.lower() if lowered else word)
        last, first = match.end(), False
    out.append(title[last:])
    cased = "".join(out)
    return cased if len(cased) == len(title) else title
