"""Extraction: an Article -> ArticleResult (entities, mentions, claims with provenance and modality).

Stages: the spaCy pipeline (nlp.py) parses; link.py links entity spans to canonical entities; the rules in
relations.py propose candidates; this module filters them by the ontology's domain and range, reads their
modality, dates them and scores their confidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from ..link import LinkedDoc, is_boilerplate, link_doc
from ..nlp import MAX_SENTENCE_TOKENS, bounded_pieces
from ..ontology import Ontology
from ..syntax import evidence_span, list_header
from ..types import Article, ArticleResult, Claim, Mention, Modality
from . import headline
from .backing import HYPHENATED
from .candidate import Candidate
from .dates import sentence_date
from .events import EVENTS
from .grammar import resolve
from .members import MEMBERS
from .modality import HEDGE_WORDS, ModalityReading, read_modality
from .organs import ORGANS
from .registry import Extractor, base_confidence, extractors, register
from .relations import PRESUPPOSED_NOTE, RULES

MAX_SENTENCE_CHARS = 5000
# relations inside noun phrases that identify someone or something: the writer presupposes them
NOUN_RULES = frozenset({"noun-prep", "light-verb", "copula", "adjunct-noun", "reciprocal"})
# titles and appositions describe people even inside quotes and reports ("said Daniel Jordan, a fellow at …")
PRESUPPOSED_ALWAYS = frozenset(
    {
        "title",
        "appos",
        "title-kb",
        "title-context",
        "based",
        "place-possessive",
        "place-appos",
        "organ-name",
        "event-name",
    }
)
# named-event parties and adjunct events are background too, but a report frame above them counts
PRESUPPOSED = PRESUPPOSED_ALWAYS | {"event-participant", "adjunct-noun", "event-definition"}


def _claim(linked: LinkedDoc, sent: Any, cand: Candidate, sent_date: str | None) -> Claim | None:
    ontology = linked.ontology
    subj_cls, obj_cls = linked.cls(cand.subject.iri), linked.cls(cand.object.iri)
    personal = ontology.properties[cand.prop].for_persons
    if subj_cls == "Person" and personal is not None and not ontology.admits(cand.prop, subj_cls, obj_cls):
        cand = replace(cand, prop=personal)  # "Stoltenberg is a member of the Labour Party": affiliated with it
    if not ontology.admits(cand.prop, subj_cls, obj_cls):
        return None
    extra = (cand.light_verb,) if cand.light_verb is not None else ()
    header = list_header(cand.trigger.sent.root)
    if header is not None:  # "The United States will:\n- deliver …": the header's modal is the item's
        extra = (*extra, header)
    # relations inside noun phrases that identify someone or something (titles, "its border with Russia",
    # "Ukraine's Donetsk region") are presupposed: only a report frame above them changes their modality
    static_np = cand.rule in NOUN_RULES and ontology.properties[cand.prop].static
    reading = read_modality(cand.trigger, extra, presupposed=cand.rule in PRESUPPOSED or static_np)
    if cand.rule in PRESUPPOSED_ALWAYS or cand.note == PRESUPPOSED_NOTE:
        reading = ModalityReading(Modality.ASSERTED)
    if cand.rule in PRESUPPOSED or static_np:
        own = list(cand.trigger.children)
        hedged = next((c.text for c in own if c.lower_ in HEDGE_WORDS | {"planned", "proposed"}), None)
        negated = next((c.text for c in own if c.lower_ in ("no", "not") and c.dep_ in ("det", "neg")), None)
        if hedged or negated:
            reading = ModalityReading(Modality.HEDGED if hedged else Modality.NEGATED, hedged or negated)
    source = None
    if reading.source_token is not None:
        refs = resolve(linked, reading.source_token, actor=True)
        source = refs[0].iri if refs else reading.source_token.text
    start, end = evidence_span([cand.subject.token, cand.object.token, cand.trigger])
    confidence = round(base_confidence(cand.rule) * cand.certainty * cand.subject.certainty * cand.object.certainty, 3)
    reason = (
        f"rule={cand.rule} subject={cand.subject.how} object={cand.object.how} "
        f"modality={reading.modality.value}"
        + (f" cue={reading.cue}" if reading.cue else "")
        + (f" {cand.note}" if cand.note else "")
    )
    return Claim(
        subject=cand.subject.iri,
        property=cand.prop,
        object=cand.object.iri,
        article_id=linked.article.id,
        sentence=sent.text.strip(),
        sentence_start=sent.start_char + len(sent.text) - len(sent.text.lstrip()),
        sentence_end=sent.start_char + len(sent.text.rstrip()),
        start=start,
        end=end,
        rule=cand.rule,
        confidence=max(0.0, min(1.0, confidence)),
        modality=reading.modality,
        cue=reading.cue,
        source=source,
        reason=reason,
        date=sent_date or linked.article.date,
        metonymy="metonym" in (cand.subject.how, cand.object.how),
    )


def _most_specific(claims: list[Claim], ontology: Ontology) -> list[Claim]:
    """Within a sentence, "sent equipment to strengthen Poland's borders" gives suppliesTo and supports for the
    same pair; the sub-property says it all, so the super-property claim is dropped."""
    by_pair: dict[tuple[str, str], set[str]] = {}
    for claim in claims:
        by_pair.setdefault((claim.subject, claim.object), set()).add(claim.property)
    return [
        c for c in claims if not any(c.property in ontology.ancestors(p)[1:] for p in by_pair[(c.subject, c.object)])
    ]


register(RULES)
register(ORGANS)
register(EVENTS)
register(MEMBERS)
register(HYPHENATED)


# what happened to a candidate, for ``kgraph explain``: (candidate, the claim it gave or None, why)
Trace = Callable[[Candidate, Claim | None, str], None]


def claims_of(
    linked: LinkedDoc, using: tuple[Extractor, ...] | None = None, *, trace: Trace | None = None
) -> Iterator[Claim]:
    """Every extractor's candidates, sentence by sentence, through the shared filters into Claims.
    ``trace`` hears every candidate's fate: kept, or filtered by domain/range, as a duplicate or as less
    specific than a sub-property claim for the same pair."""
    active = extractors() if using is None else using
    seen: set[tuple[str, str, str, int, str]] = set()
    for sent in linked.doc.sents:
        if is_boilerplate(sent.text) or len(sent.text) > MAX_SENTENCE_CHARS:
            continue
        sent_date = None
        found: list[Claim] = []
        candidates: list[tuple[Candidate, Claim]] = []
        for cand in (c for extractor in active for c in extractor.candidates(linked, sent)):
            if sent_date is None:
                sent_date = sentence_date(sent, linked.article.date, linked.ents_in(sent)) or ""
            claim = _claim(linked, sent, cand, sent_date or None)
            if claim is None:
                if trace is not None:
                    subj, obj = linked.cls(cand.subject.iri), linked.cls(cand.object.iri)
                    trace(cand, None, f"filtered: {cand.prop} does not admit {subj} -> {obj} (domain/range)")
                continue
            key = (claim.subject, claim.property, claim.object, claim.sentence_start, claim.modality.value)
            if key not in seen:
                seen.add(key)
                found.append(claim)
                if trace is not None:
                    candidates.append((cand, claim))
            elif trace is not None:
                trace(cand, claim, "filtered: duplicate of a claim already given")
        kept = _most_specific(found, linked.ontology)
        if trace is not None:
            for cand, claim in candidates:
                trace(cand, claim, "kept" if claim in kept else "filtered: a sub-property claim says more")
            candidates.clear()
        yield from kept


# the headline is text: it is parsed with the body, a blank line between them (a sentence break)
TITLE_BREAK = "\n\n"


def parsed_text(article: Article) -> str:
    """What the pipeline reads: the headline, a blank line, the text."""
    return f"{article.title.strip()}{TITLE_BREAK}{article.text}" if article.title.strip() else article.text


def _title_offset(article: Article) -> int:
    return len(article.title.strip()) + len(TITLE_BREAK) if article.title.strip() else 0


def _mention_in_article(mention: Mention, offset: int, read: str) -> Mention:
    if mention.start >= offset:
        return replace(mention, start=mention.start - offset, end=mention.end - offset)
    return replace(mention, in_title=True, text=read[mention.start : mention.end])


def _claim_in_article(claim: Claim, offset: int, read: str) -> Claim:
    """Spans back into the article's text, or into its title for a headline claim (its words as the title
    writes them: the parser may have read it sentence-cased)."""
    if claim.sentence_start >= offset:
        return replace(
            claim,
            sentence_start=claim.sentence_start - offset,
            sentence_end=claim.sentence_end - offset,
            start=claim.start - offset,
            end=claim.end - offset,
        )
    return replace(claim, in_title=True, sentence=read[claim.sentence_start : claim.sentence_end])


def result_of(doc: Doc, article: Article, ontology: Ontology) -> ArticleResult:
    """Link and extract one parsed article (``doc`` parsed from ``parsed_text(article)``)."""
    linked = link_doc(doc, article, ontology)
    offset = _title_offset(article) if doc.text != article.text else 0
    read = parsed_text(article)
    claims = tuple(_claim_in_article(c, offset, read) for c in claims_of(linked))
    used = {c.subject for c in claims} | {c.object for c in claims} | {m.entity for m in linked.mentions}
    return ArticleResult(
        article=article,
        entities=tuple(e for iri, e in linked.entities.items() if iri in used),
        mentions=tuple(_mention_in_article(m, offset, read) for m in linked.mentions),
        claims=claims,
    )


_BULLET = re.compile(r"[ \t]*(?:[-•*–▪·]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]")
_BREAK = re.compile(r"\n[ \t]*\n\s*|(?<=[.!?:;\"”’)])[ \t]*\n\s*|\n(?=" + _BULLET.pattern + ")")


def layout_blocks(text: str) -> list[str]:
    """The text cut where its layout ends a sentence — a blank line, a bullet item, a line break after
    sentence-final punctuation — each block keeping its trailing whitespace (they join back into ``text``).
    Blocks are parsed apart: the parser cannot run a headline or a list item into the next sentence."""
    blocks, start = [], 0
    for match in _BREAK.finditer(text):
        blocks.append(text[start : match.end()])
        start = match.end()
    if start < len(text) or not blocks:
        blocks.append(text[start:])
    return blocks


def extract(
    articles: Iterable[Article], nlp: Any, ontology: Ontology, *, batch_size: int = 16, n_process: int = 1
) -> Iterator[ArticleResult]:
    """Stream articles through the pipeline; memory stays flat (docs are dropped after each article).
    Each article is parsed as its headline and its layout blocks, joined back into one Doc whose text is
    ``parsed_text(article)``."""

    names = headline.name_forms(ontology)

    def blocks() -> Iterator[tuple[str, tuple[Article, int | None]]]:
        for article in articles:
            parts = article_blocks(article)
            pieces = _pieces(_as_read(article, parts, names))
            for i, piece in enumerate(pieces):
                # the last piece carries how many blocks were cut: the article's result is due
                yield piece, (article, len(pieces) - len(parts) if i == len(pieces) - 1 else None)

    pending: list[Doc] = []
    for doc, (article, cuts) in nlp.pipe(blocks(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        pending.append(doc)
        if cuts is not None:
            joined = pending[0] if len(pending) == 1 else Doc.from_docs(pending, ensure_whitespace=False)
            pending = []
            result = result_of(joined, article, ontology)
            if cuts:
                result = replace(result, warnings=(*result.warnings, _cut_warning(article, cuts)))
            yield result


def _pieces(read: list[tuple[str, str]]) -> list[str]:
    """What the parser reads, block by block, each over-long run with no sentence end cut (``bounded_pieces``)."""
    return [piece for _, text in read for piece in bounded_pieces(text)]


def _cut_warning(article: Article, cuts: int) -> str:
    return (
        f"{article.origin or article.id}: {cuts} cut(s) in text with no sentence end for more than "
        f"{MAX_SENTENCE_TOKENS} tokens (a table or a list?): read as sentences of at most {MAX_SENTENCE_TOKENS} tokens"
    )


def article_blocks(article: Article) -> list[str]:
    """The headline (with its break) and the text's layout blocks: together ``parsed_text(article)``."""
    parts = layout_blocks(article.text)
    title = article.title.strip()
    if title:
        # "Belarus: UK sanctions eight members of regime": a short topic before a colon is not the subject
        topic, colon, rest = title.partition(": ")
        if colon and rest and len(topic.split()) <= 3:
            parts[:0] = [topic + colon, rest + TITLE_BREAK]
        else:
            parts.insert(0, title + TITLE_BREAK)
    return parts


def _as_read(article: Article, parts: list[str], names: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each block with the text the parser reads for it: a Title Case headline sentence-cased."""
    n_title = len(parts) - len(layout_blocks(article.text)) if article.title.strip() else 0
    return [(p, headline.sentence_case(p, article.text, names) if i < n_title else p) for i, p in enumerate(parts)]


def parse_article(article: Article, nlp: Any, ontology: Ontology) -> Doc:
    """One article parsed as ``extract`` parses it (for ``kgraph explain``)."""
    read = _as_read(article, article_blocks(article), headline.name_forms(ontology))
    docs = list(nlp.pipe(_pieces(read)))
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
