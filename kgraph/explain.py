"""Explain one sentence: why the extractor gave the claims it gave, and why not others.

Takes an Article, the pipeline and the ontology; yields an Explanation of one of the parsed doc's sentences
(numbered from 1; the title, when there is one, is sentence 1): its parse, its entity links and how each was
made, the ontology triggers its lemmas match, every rule candidate with its fate (kept, or the filter that
dropped it) and each kept claim's modality, cue, source and confidence reason. Nothing is printed here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from itertools import groupby
from typing import Any

from spacy.tokens import Span

from .errors import InputError
from .extract import MAX_SENTENCE_CHARS, claims_of, parse_article
from .extract.candidate import Candidate
from .link import LinkedDoc, is_boilerplate, link_doc
from .ontology import GAP, Ontology, Trigger
from .types import Article, Claim
from .vocab import curie


@dataclass(frozen=True, slots=True)
class TokenRow:
    i: int  # index in the sentence
    text: str
    lemma: str
    pos: str
    dep: str
    head: int  # the head's index in the sentence (the root is its own head)


@dataclass(frozen=True, slots=True)
class LinkRow:
    text: str
    entity: str  # IRI
    cls: str
    how: str  # gazetteer alias, demonym, metonym, acronym, surname, ner, coref …


@dataclass(frozen=True, slots=True)
class TriggerRow:
    token: str
    lemma: str
    property: str
    phrase: str  # the trigger as the ontology writes it: "send … to"


@dataclass(frozen=True, slots=True)
class RuleRow:
    """One rule firing: the candidate, what became of it and, when kept, how sure the claim is."""

    rule: str
    subject: str
    subject_how: str
    property: str
    object: str
    object_how: str
    trigger: str
    outcome: str  # "kept" or "filtered: …"
    modality: str | None = None
    cue: str | None = None
    source: str | None = None
    confidence: float | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Explanation:
    article_id: str
    number: int  # 1-based
    of: int  # how many sentences the doc has
    sentence: str
    tokens: tuple[TokenRow, ...]
    links: tuple[LinkRow, ...]
    triggers: tuple[TriggerRow, ...]
    rules: tuple[RuleRow, ...]
    skipped: str | None = None  # why the extractor does not read this sentence at all

    @property
    def kept(self) -> tuple[RuleRow, ...]:
        return tuple(r for r in self.rules if r.outcome == "kept")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def format(self) -> str:
        lines = [f"sentence {self.number} of {self.of} (article {self.article_id}): {self.sentence}"]
        if self.skipped:
            lines.append(f"not read by the extractor: {self.skipped}")
        words = {t.i: t.text for t in self.tokens}
        parse = [(str(t.i), t.text, t.lemma, t.pos, t.dep, f"{t.head} {words[t.head]}") for t in self.tokens]
        lines += _section("parse", [("#", "token", "lemma", "pos", "dep", "head"), *parse])
        links = [(lk.text, _short(lk.entity), lk.cls, lk.how) for lk in self.links]
        lines += _section("entity links", [("text", "entity", "class", "how"), *links] if links else [])
        triggers = [(t.token, t.lemma, t.property, f'"{t.phrase}"') for t in self.triggers]
        lines += _section("triggers", [("token", "lemma", "property", "trigger"), *triggers] if triggers else [])
        rules = [
            (r.rule, f"{_short(r.subject)} ({r.subject_how})", r.property, f"{_short(r.object)} ({r.object_how})",
             r.trigger, r.outcome)
            for r in self.rules
        ]  # fmt: skip
        lines += _section("rules", [("rule", "subject", "property", "object", "trigger", "outcome"), *rules])
        claims = [
            (f"{_short(r.subject)} {r.property} {_short(r.object)}", r.modality or "", r.cue or "-",
             _short(r.source) if r.source else "-", f"{r.confidence:.3f}", r.reason or "")
            for r in self.kept
        ]  # fmt: skip
        header = ("claim", "modality", "cue", "source", "confidence", "reason")
        lines += _section("claims", [header, *claims] if claims else [])
        return "\n".join(lines)


def _short(iri: str) -> str:
    return curie(iri) or iri


def _section(title: str, rows: list[tuple[str, ...]]) -> list[str]:
    if not rows:
        return ["", f"{title}: none"]
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    cells = (zip(row, widths, strict=True) for row in rows)
    return ["", f"{title}:"] + ["  " + "  ".join(v.ljust(w) for v, w in cell).rstrip() for cell in cells]


def _phrase(trigger: Trigger) -> str:
    words = ["be"] if trigger.stative else []
    words += [trigger.head, *trigger.particles] + ([GAP] if trigger.gap else []) + [trigger.prep or ""]
    return " ".join(w for w in words if w)


def sentences(doc: Any) -> list[Span]:
    """The sentences ``explain`` numbers: the doc's, without the blank ones."""
    return [s for s in doc.sents if s.text.strip()]


def _links(linked: LinkedDoc, sent: Span) -> list[LinkRow]:
    """Runs of tokens sharing one link: what the rules see, pronouns linked by coreference included."""
    rows: list[LinkRow] = []
    for link, run in groupby(sent, key=linked.link_at):
        if link is not None:
            tokens = list(run)
            text = sent.doc[tokens[0].i : tokens[-1].i + 1].text
            rows.append(LinkRow(text, link.iri, linked.cls(link.iri), link.how))
    return rows


def _rule_row(cand: Candidate, claim: Claim | None, why: str) -> RuleRow:
    row = RuleRow(
        cand.rule, cand.subject.iri, cand.subject.how, cand.prop, cand.object.iri, cand.object.how,
        cand.trigger.text, why,
    )  # fmt: skip
    if why != "kept" or claim is None:
        return row
    return RuleRow(
        **{**asdict(row), "property": claim.property, "modality": claim.modality.value, "cue": claim.cue,
           "source": claim.source, "confidence": claim.confidence, "reason": claim.reason},
    )  # fmt: skip


def explain(article: Article, nlp: Any, ontology: Ontology, number: int = 1) -> Explanation:
    """Explain sentence ``number`` (from 1; the title, when the article has one, is sentence 1)."""
    doc = parse_article(article, nlp, ontology)
    sents = sentences(doc)
    if not 1 <= number <= len(sents):
        count = f"{len(sents)} sentence" + ("" if len(sents) == 1 else "s")
        raise InputError(f"sentence {number} is out of range: article {article.id!r} has {count}")
    sent = sents[number - 1]
    linked = link_doc(doc, article, ontology)
    fired: list[RuleRow] = []

    def hear(cand: Candidate, claim: Claim | None, why: str) -> None:
        if sent.start <= cand.trigger.i < sent.end:
            fired.append(_rule_row(cand, claim, why))

    for _ in claims_of(linked, trace=hear):
        pass
    start = sent.start
    tokens = tuple(
        TokenRow(t.i - start, t.text, t.lemma_, t.pos_, t.dep_, t.head.i - start) for t in sent if not t.is_space
    )
    triggers = tuple(
        TriggerRow(t.text, t.lemma_, prop, _phrase(trig))
        for t in sent
        for prop, trig in ontology.triggers.get(t.lemma_.lower(), [])
    )
    skipped = None
    if is_boilerplate(sent.text):
        skipped = "site boilerplate"
    elif len(sent.text) > MAX_SENTENCE_CHARS:
        skipped = f"longer than {MAX_SENTENCE_CHARS} characters"
    return Explanation(
        article_id=article.id,
        number=number,
        of=len(sents),
        sentence=sent.text.strip(),
        tokens=tokens,
        links=tuple(_links(linked, sent)),
        triggers=triggers,
        rules=tuple(fired),
        skipped=skipped,
    )


def explain_text(text: str, nlp: Any, ontology: Ontology, number: int = 1) -> Explanation:
    """Explain a sentence given as text (an article of its own, id "explain", no title)."""
    return explain(Article(id="explain", title="", text=text), nlp, ontology, number)


def find_article(articles: Iterable[Article], article_id: str) -> Article:
    ids: list[str] = []
    for article in articles:
        if article.id == article_id:
            return article
        ids.append(article.id)
    shown = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "") if ids else "none"
    raise InputError(f"no article with id {article_id!r} in the input (its ids: {shown})")
