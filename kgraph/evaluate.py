"""Score extraction results against the hand-annotated gold set (``tests/gold/*.json``).

Takes gold documents and the ``ArticleResult`` records the pipeline produced for the same article ids; returns
a ``Report``: entity precision/recall/F1, claim P/R/F1 in three matching modes (strict, family, pair), per-property
and per-modality rows, modality and source accuracy, and the false positives/negatives of every document.

Pure functions over the records in ``kgraph.types``: no spaCy, no ontology loading. The caller passes the
property-family function (``Ontology.family``) so the scorer follows whatever hierarchy the ontology declares.

Matching rules (documented in ``tests/gold/README.md``):

* names are compared after NFKC + casefold, with curly apostrophes straightened, whitespace collapsed and a
  leading "the " dropped ("The Hague" == "the hague" == "Hague");
* a predicted entity matches a gold entity of the same document when its label equals the gold name or one of
  the gold mentions, and its class equals the gold class; each gold entity is matched at most once;
* predicted claims are first de-duplicated on (subject, property, object, modality) (the argument order of a
  symmetric property does not count), then matched one-to-one with gold claims (maximum bipartite matching):
  ``strict`` = same property and modality, ``family`` = same property family and modality, ``pair`` = only the
  ordered entity pair. Argument order is ignored when the gold property is symmetric (strict/family also need
  the predicted property to be symmetric).
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from kgraph.errors import InputError
from kgraph.ontology import Ontology, load_ontology
from kgraph.types import Article, ArticleResult, Modality

ENTITY_CLASSES = frozenset(
    {"Country", "InternationalOrganization", "Organization", "Person", "MilitaryAsset", "Event", "Location"}
)
MODES = ("strict", "family", "pair")

_DOC_KEYS = frozenset({"id", "title", "date", "url", "retrieved", "licence", "text", "entities", "claims", "notes"})
_ENTITY_KEYS = frozenset({"name", "class", "mentions", "optional"})
_CLAIM_KEYS = frozenset({"subject", "property", "object", "modality", "source", "evidence", "optional"})


@functools.cache
def _default_ontology() -> Ontology:
    return load_ontology()


def ontology_names(ontology: Ontology) -> dict[str, tuple[str, ...]]:
    """Each individual's names (prefLabel and altLabels), for ``score(aliases=…)``."""
    return {iri: (ind.label, *ind.aliases) for iri, ind in ontology.individuals.items()}


def default_family(prop: str) -> str:
    """Root of ``prop`` in the default ontology (attacks -> hostileTowards); unknown properties are their own root."""
    return _default_ontology().family(prop)


def default_symmetric(prop: str) -> bool:
    return _default_ontology().is_symmetric(prop)


def gold_properties() -> frozenset[str]:
    """The relations a gold claim may name: the default ontology's."""
    return frozenset(_default_ontology().properties)


def normalize_name(name: str) -> str:
    """The form names are compared in: NFKC, casefold, straight apostrophes, single spaces, no leading 'the '."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").replace("\u2018", "'").casefold()
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


# ---------------------------------------------------------------------------------------------------------------
# Gold records and loading


@dataclass(frozen=True, slots=True)
class GoldEntity:
    name: str  # canonical name (the ontology's skos:prefLabel) or the fullest form in the text
    cls: str  # ontology class local name
    mentions: tuple[str, ...] = ()  # surface forms exactly as they appear in the text
    optional: bool = False  # neither needed for recall nor a false positive when predicted


@dataclass(frozen=True, slots=True)
class GoldClaim:
    subject: str  # a GoldEntity name of the same document
    property: str
    object: str
    modality: Modality = Modality.ASSERTED
    source: str | None = None  # for reported claims: the canonical name of who reported it
    evidence: str = ""  # the sentence of the text that states the claim
    optional: bool = False  # arguable either way: neither needed for recall nor a false positive when predicted

    def key(self) -> tuple[str, str, str, Modality]:
        return _claim_key(self.subject, self.property, self.object, self.modality, default_symmetric)

    def __str__(self) -> str:
        return f"{self.subject} {self.property} {self.object} [{self.modality.value}]"


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    title: str
    text: str
    date: str | None = None
    url: str | None = None
    entities: tuple[GoldEntity, ...] = ()
    claims: tuple[GoldClaim, ...] = ()
    notes: str | None = None  # annotator's remarks: which hard case the document tests
    retrieved: str | None = None  # real texts: when the text was copied from ``url``
    licence: str | None = None  # real texts: the terms that allow its reuse
    origin: str | None = None  # the file it was loaded from

    def to_article(self) -> Article:
        return Article(id=self.id, title=self.title, text=self.text, date=self.date, url=self.url, origin=self.origin)


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Load every ``*.json`` gold document of a directory (sorted by file name), or one gold file.

    Raises InputError, naming the file, for unreadable files, invalid JSON, a wrong shape, an unknown modality,
    a claim annotated twice, or two documents with the same id.
    """
    root = Path(path)
    if root.is_dir():
        files = sorted(root.glob("*.json"))
        if not files:
            raise InputError(f"{root}: no gold *.json files in this directory")
    elif root.is_file():
        files = [root]
    else:
        raise InputError(f"{root}: no such gold directory or file")
    docs: list[GoldDoc] = []
    seen: dict[str, Path] = {}
    for file in files:
        doc = load_gold_file(file)
        if doc.id in seen:
            raise InputError(f"{file}: document id {doc.id!r} already used by {seen[doc.id]}")
        seen[doc.id] = file
        docs.append(doc)
    return docs


def load_gold_file(file: str | Path) -> GoldDoc:
    file = Path(file)
    try:
        raw = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{file}: cannot read gold file: {exc}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{file}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    try:
        return _parse_doc(data, origin=str(file))
    except _GoldFormatError as exc:
        raise InputError(f"{file}: {exc}") from exc


class _GoldFormatError(ValueError):
    pass


def _parse_doc(data: Any, origin: str | None = None) -> GoldDoc:
    obj = _object(data, "document", _DOC_KEYS)
    doc_id = _string(obj, "id", "document")
    date = _optional_string(obj, "date", "document")
    if date is not None:
        try:
            _dt.date.fromisoformat(date)
        except ValueError as exc:
            raise _GoldFormatError(f"date: {date!r} is not an ISO date (YYYY-MM-DD)") from exc
    entities = tuple(_parse_entity(e, f"entities[{i}]") for i, e in enumerate(_list(obj, "entities", "document")))
    claims = tuple(_parse_claim(c, f"claims[{i}]") for i, c in enumerate(_list(obj, "claims", "document")))
    seen: dict[tuple[str, str, str, Modality], int] = {}
    for i, claim in enumerate(claims):
        if claim.key() in seen:
            raise _GoldFormatError(f"claims[{i}]: {claim} is already annotated as claims[{seen[claim.key()]}]")
        seen[claim.key()] = i
    return GoldDoc(
        id=doc_id,
        title=_string(obj, "title", "document", allow_empty=True),
        text=_string(obj, "text", "document"),
        date=date,
        url=_optional_string(obj, "url", "document"),
        entities=entities,
        claims=claims,
        notes=_optional_string(obj, "notes", "document"),
        origin=origin,
        retrieved=_optional_string(obj, "retrieved", "document"),
        licence=_optional_string(obj, "licence", "document"),
    )


def _parse_entity(data: Any, where: str) -> GoldEntity:
    obj = _object(data, where, _ENTITY_KEYS)
    mentions = _list(obj, "mentions", where)
    for j, mention in enumerate(mentions):
        if not isinstance(mention, str) or not mention:
            raise _GoldFormatError(f"{where}.mentions[{j}]: expected a non-empty string, got {mention!r}")
    return GoldEntity(
        name=_string(obj, "name", where),
        cls=_string(obj, "class", where),
        mentions=tuple(mentions),
        optional=_flag(obj, "optional", where),
    )


def _parse_claim(data: Any, where: str) -> GoldClaim:
    obj = _object(data, where, _CLAIM_KEYS)
    modality = _string(obj, "modality", where)
    try:
        mod = Modality(modality)
    except ValueError as exc:
        allowed = ", ".join(m.value for m in Modality)
        raise _GoldFormatError(f"{where}.modality: {modality!r} is not one of {allowed}") from exc
    return GoldClaim(
        subject=_string(obj, "subject", where),
        property=_string(obj, "property", where),
        object=_string(obj, "object", where),
        modality=mod,
        source=_optional_string(obj, "source", where),
        evidence=_string(obj, "evidence", where),
        optional=_flag(obj, "optional", where),
    )


def _object(data: Any, where: str, allowed: frozenset[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _GoldFormatError(f"{where}: expected a JSON object, got {type(data).__name__}")
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _GoldFormatError(f"{where}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})")
    return data


def _string(obj: dict[str, Any], key: str, where: str, *, allow_empty: bool = False) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or (not value and not allow_empty):
        raise _GoldFormatError(f"{where}.{key}: expected a non-empty string, got {value!r}")
    return value


def _flag(obj: dict[str, Any], key: str, where: str) -> bool:
    value = obj.get(key, False)
    if not isinstance(value, bool):
        raise _GoldFormatError(f"{where}.{key}: expected true or false, got {value!r}")
    return value


def _optional_string(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise _GoldFormatError(f"{where}.{key}: expected a string or null, got {value!r}")
    return value


def _list(obj: dict[str, Any], key: str, where: str) -> list[Any]:
    value = obj.get(key)
    if not isinstance(value, list):
        raise _GoldFormatError(f"{where}.{key}: expected a list, got {value!r}")
    return value


# ---------------------------------------------------------------------------------------------------------------
# Report records


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts of one comparison, with precision, recall and F1 (0.0 when a denominator is zero)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        """Number of gold items."""
        return self.tp + self.fn

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "support": self.support,
        }


@dataclass(frozen=True, slots=True)
class Ratio:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        return {"accuracy": None if value is None else round(value, 4), "correct": self.correct, "total": self.total}

    def __str__(self) -> str:
        value = self.value
        return "n/a (0 claims)" if value is None else f"{value:.3f} ({self.correct}/{self.total})"


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim in an error list, with names (not IRIs) and, when known, the closest claim on the other side."""

    subject: str
    property: str
    object: str
    modality: str
    evidence: str = ""  # gold evidence or the predicted sentence
    near_miss: str | None = None  # the claim on the same entity pair it was paired with in pair mode

    def __str__(self) -> str:
        text = f"{self.subject} {self.property} {self.object} [{self.modality}]"
        return f"{text}  (pair-matched: {self.near_miss})" if self.near_miss else text

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "property": self.property,
            "object": self.object,
            "modality": self.modality,
            "evidence": self.evidence,
            "near_miss": self.near_miss,
        }


@dataclass(frozen=True, slots=True)
class DocErrors:
    """False positives and negatives of one document (entities; claims in strict mode)."""

    doc_id: str
    entity_fp: tuple[str, ...] = ()
    entity_fn: tuple[str, ...] = ()
    claim_fp: tuple[ClaimRow, ...] = ()
    claim_fn: tuple[ClaimRow, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.entity_fp or self.entity_fn or self.claim_fp or self.claim_fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc_id,
            "entity_fp": list(self.entity_fp),
            "entity_fn": list(self.entity_fn),
            "claim_fp": [c.to_dict() for c in self.claim_fp],
            "claim_fn": [c.to_dict() for c in self.claim_fn],
        }


@dataclass(frozen=True)
class Report:
    n_docs: int
    n_predicted: int  # gold documents that had a prediction
    entities: PRF
    claims: Mapping[str, PRF]  # mode ("strict", "family", "pair") -> counts
    per_property: Mapping[str, PRF]  # strict, by property (gold property for tp/fn, predicted for fp)
    per_modality: Mapping[str, PRF]  # strict, by modality
    modality_accuracy: Ratio  # on pair-matched claims: predicted modality == gold modality
    modality_confusion: Mapping[str, Mapping[str, int]]  # gold modality -> predicted modality -> count
    source_accuracy: Ratio  # on strict-matched reported claims whose gold source is known
    docs: tuple[DocErrors, ...]
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.n_docs,
            "documents_predicted": self.n_predicted,
            "entities": self.entities.to_dict(),
            "claims": {mode: prf.to_dict() for mode, prf in self.claims.items()},
            "per_property": {prop: prf.to_dict() for prop, prf in self.per_property.items()},
            "per_modality": {mod: prf.to_dict() for mod, prf in self.per_modality.items()},
            "modality_accuracy": self.modality_accuracy.to_dict(),
            "modality_confusion": {g: dict(p) for g, p in self.modality_confusion.items()},
            "source_accuracy": self.source_accuracy.to_dict(),
            "errors": [d.to_dict() for d in self.docs if not d.empty],
            "warnings": list(self.warnings),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def format_table(self, verbose: bool = False) -> str:
        """A plain-text summary; with ``verbose`` also every document's false positives and negatives."""
        lines = [f"gold documents: {self.n_docs} (with predictions: {self.n_predicted})", ""]
        header = f"{'':<24}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"
        lines.append(header)
        lines.append(_row("entities", self.entities))
        for mode in MODES:
            if mode in self.claims:
                lines.append(_row(f"claims {mode}", self.claims[mode]))
        lines += [
            "",
            f"modality accuracy (pair-matched claims): {self.modality_accuracy}",
            f"source accuracy (strict-matched reported claims): {self.source_accuracy}",
            "",
            f"{'per property (strict)':<24}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}{'support':>9}",
        ]
        for prop, prf in sorted(self.per_property.items()):
            lines.append(_row(prop, prf) + f"{prf.support:>9}")
        lines += [
            "",
            f"{'per modality (strict)':<24}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}{'support':>9}",
        ]
        for mod in (m.value for m in Modality):
            if mod in self.per_modality:
                prf = self.per_modality[mod]
                lines.append(_row(mod, prf) + f"{prf.support:>9}")
        if self.modality_confusion:
            mods = [m.value for m in Modality]
            lines += ["", "modality confusion (rows gold, columns predicted; pair-matched claims)"]
            lines.append(f"{'':<12}" + "".join(f"{m:>10}" for m in mods))
            for gold_mod in mods:
                row = self.modality_confusion.get(gold_mod, {})
                lines.append(f"{gold_mod:<12}" + "".join(f"{row.get(m, 0):>10}" for m in mods))
        if self.warnings:
            lines += ["", *(f"warning: {w}" for w in self.warnings)]
        if verbose:
            lines += ["", self.format_errors()]
        return "\n".join(lines)

    def format_errors(self) -> str:
        """Each document's false positives and negatives, for ``--verbose``."""
        out: list[str] = []
        for doc in self.docs:
            if doc.empty:
                continue
            out.append(f"== {doc.doc_id}")
            out += [f"  entity FP: {e}" for e in doc.entity_fp]
            out += [f"  entity FN: {e}" for e in doc.entity_fn]
            out += [f"  claim FP:  {c}" for c in doc.claim_fp]
            out += [f"  claim FN:  {c}" for c in doc.claim_fn]
        return "\n".join(out) if out else "no errors"


def _row(name: str, prf: PRF) -> str:
    return f"{name:<24}{prf.precision:>7.3f}{prf.recall:>7.3f}{prf.f1:>7.3f}{prf.tp:>6}{prf.fp:>6}{prf.fn:>6}"


# ---------------------------------------------------------------------------------------------------------------
# Scoring


@dataclass(frozen=True, slots=True)
class _Pred:
    """A predicted claim with its IRIs resolved to names: the gold entity each argument matched, else its label."""

    subject: str
    property: str
    object: str
    modality: Modality
    source: str | None
    sentence: str
    subject_cls: str = ""
    object_cls: str = ""

    def __str__(self) -> str:
        return f"{self.subject} {self.property} {self.object} [{self.modality.value}]"


def score(
    gold: Sequence[GoldDoc],
    predicted: Iterable[ArticleResult],
    family: Callable[[str], str] = default_family,
    *,
    symmetric: Callable[[str], bool] = default_symmetric,
    aliases: Mapping[str, Iterable[str]] | None = None,
) -> Report:
    """Compare predictions with the gold set, document by document (matched on article id).

    ``family(prop)`` maps a property to the root of its hierarchy (pass ``Ontology.family``); ``symmetric(prop)``
    says whether argument order is irrelevant (pass ``Ontology.is_symmetric``); ``aliases`` maps an entity IRI
    to its other names (the ontology's labels), so a predicted entity matches a gold one by class and by its
    label, one of the gold mentions or one of its own names. Claims match through the entities they name.
    Gold documents without a prediction count as predicting nothing; predictions without a gold document are
    ignored (with a warning). Optional gold entities and claims are neither needed nor false positives.
    """
    known = {iri: frozenset(normalize_name(n) for n in names) for iri, names in (aliases or {}).items()}
    by_id: dict[str, ArticleResult] = {}
    warnings: list[str] = []
    for prediction in predicted:
        if prediction.article.id in by_id:
            warnings.append(f"two predictions for article {prediction.article.id!r}: the first is scored")
            continue
        by_id[prediction.article.id] = prediction
    gold_ids = {doc.id for doc in gold}
    for extra in sorted(set(by_id) - gold_ids):
        warnings.append(f"prediction for {extra!r} has no gold document: ignored")

    entities = PRF()
    claims = dict.fromkeys(MODES, PRF())
    per_property: dict[str, PRF] = {}
    per_modality: dict[str, PRF] = {}
    confusion: dict[str, Counter[str]] = {}
    modality_ok = modality_total = source_ok = source_total = 0
    docs: list[DocErrors] = []

    for doc in gold:
        result = by_id.get(doc.id)
        if result is None:
            warnings.append(f"no prediction for gold document {doc.id!r}: counted as empty")
        ent_prf, ent_fp, ent_fn, names_of = _score_entities(doc, result, known)
        entities += ent_prf

        preds = _predicted_claims(result, symmetric, names_of) if result is not None else []
        required = [gi for gi, g in enumerate(doc.claims) if not g.optional]
        matches: dict[str, dict[int, int]] = {}
        for mode in MODES:
            pairs = _match_claims(doc, preds, mode, family, symmetric)
            absorbed = _absorbed(doc, preds, pairs, "pair" if mode == "pair" else "family", family, symmetric)
            tp = {pi: gi for pi, gi in pairs.items() if not doc.claims[gi].optional}
            matches[mode] = tp
            fp = len(preds) - len(tp) - len(absorbed)
            claims[mode] += PRF(len(tp), fp, len(required) - len(tp))
            if mode == "strict":
                strict_absorbed = absorbed

        strict = matches["strict"]
        matched_gold = set(strict.values())
        for gi in required:
            claim = doc.claims[gi]
            hit = int(gi in matched_gold)
            row = PRF(hit, 0, 1 - hit)
            per_property[claim.property] = per_property.get(claim.property, PRF()) + row
            per_modality[claim.modality.value] = per_modality.get(claim.modality.value, PRF()) + row
        false_positives = [pi for pi in range(len(preds)) if pi not in strict and pi not in strict_absorbed]
        for pi in false_positives:
            pred = preds[pi]
            per_property[pred.property] = per_property.get(pred.property, PRF()) + PRF(0, 1, 0)
            per_modality[pred.modality.value] = per_modality.get(pred.modality.value, PRF()) + PRF(0, 1, 0)
        for pi, gi in strict.items():
            gold_claim = doc.claims[gi]
            if gold_claim.modality is Modality.REPORTED and gold_claim.source is not None:
                source_total += 1
                pred_source = preds[pi].source
                source_ok += pred_source is not None and normalize_name(pred_source) == normalize_name(
                    gold_claim.source
                )

        pair = matches["pair"]
        for pi, gi in pair.items():
            gold_mod, pred_mod = doc.claims[gi].modality.value, preds[pi].modality.value
            confusion.setdefault(gold_mod, Counter())[pred_mod] += 1
            modality_total += 1
            modality_ok += gold_mod == pred_mod

        pair_gold_to_pred = {gi: pi for pi, gi in pair.items()}
        claim_fp = tuple(
            ClaimRow(
                preds[pi].subject,
                preds[pi].property,
                preds[pi].object,
                preds[pi].modality.value,
                preds[pi].sentence,
                str(doc.claims[pair[pi]]) if pi in pair else None,
            )
            for pi in false_positives
        )
        claim_fn = tuple(
            ClaimRow(
                doc.claims[gi].subject,
                doc.claims[gi].property,
                doc.claims[gi].object,
                doc.claims[gi].modality.value,
                doc.claims[gi].evidence,
                str(preds[pair_gold_to_pred[gi]]) if gi in pair_gold_to_pred else None,
            )
            for gi in required
            if gi not in matched_gold
        )
        docs.append(DocErrors(doc.id, ent_fp, ent_fn, claim_fp, claim_fn))

    return Report(
        n_docs=len(gold),
        n_predicted=len(gold_ids & set(by_id)),
        entities=entities,
        claims=claims,
        per_property=dict(sorted(per_property.items())),
        per_modality=per_modality,
        modality_accuracy=Ratio(modality_ok, modality_total),
        modality_confusion={g: dict(c) for g, c in sorted(confusion.items())},
        source_accuracy=Ratio(source_ok, source_total),
        docs=tuple(docs),
        warnings=tuple(warnings),
    )


def _score_entities(
    doc: GoldDoc, result: ArticleResult | None, known: Mapping[str, frozenset[str]]
) -> tuple[PRF, tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """Entity P/R/F1 by one-to-one matching on class and name, and each matched IRI's gold entity name."""
    predicted = list({e.iri: e for e in result.entities}.values()) if result is not None else []
    names = [normalize_name(g.name) for g in doc.entities]
    forms = [{names[i]} | {normalize_name(m) for m in g.mentions} for i, g in enumerate(doc.entities)]
    adjacency: list[list[int]] = []
    for entity in predicted:
        label = normalize_name(entity.label)
        own = known.get(entity.iri, frozenset())
        hits = [
            gi for gi, g in enumerate(doc.entities) if g.cls == entity.cls and (label in forms[gi] or names[gi] in own)
        ]
        # a required entity before an optional one, a match on the name itself before one on a mention
        hits.sort(key=lambda gi: (doc.entities[gi].optional, names[gi] != label and names[gi] not in own))
        adjacency.append(hits)
    matching = _max_matching(adjacency)
    matched_gold = set(matching.values())
    tp = sum(not doc.entities[gi].optional for gi in matched_gold)
    fp = tuple(f"{e.label} ({e.cls})" for i, e in enumerate(predicted) if i not in matching)
    fn = tuple(f"{g.name} ({g.cls})" for gi, g in enumerate(doc.entities) if gi not in matched_gold and not g.optional)
    names_of = {predicted[pi].iri: doc.entities[gi].name for pi, gi in matching.items()}
    return PRF(tp, len(fp), len(fn)), fp, fn, names_of


def _predicted_claims(
    result: ArticleResult, symmetric: Callable[[str], bool], names_of: Mapping[str, str]
) -> list[_Pred]:
    labels = {e.iri: e.label for e in result.entities}
    classes = {e.iri: e.cls for e in result.entities}
    preds: list[_Pred] = []
    seen: set[tuple[str, str, str, Modality]] = set()

    def name(iri: str) -> str:
        return names_of.get(iri) or labels.get(iri) or _iri_label(iri)

    for claim in result.claims:
        modality = Modality(claim.modality)
        pred = _Pred(
            subject=name(claim.subject),
            property=claim.property,
            object=name(claim.object),
            modality=modality,
            source=None
            if claim.source is None
            else (names_of.get(claim.source) or labels.get(claim.source, claim.source)),
            sentence=claim.sentence,
            subject_cls=classes.get(claim.subject, ""),
            object_cls=classes.get(claim.object, ""),
        )
        key = _claim_key(pred.subject, pred.property, pred.object, modality, symmetric)
        if key not in seen:
            seen.add(key)
            preds.append(pred)
    return preds


def _claim_key(
    subject: str, prop: str, obj: str, modality: Modality, symmetric: Callable[[str], bool]
) -> tuple[str, str, str, Modality]:
    s, o = normalize_name(subject), normalize_name(obj)
    if symmetric(prop) and o < s:
        s, o = o, s
    return s, prop, o, modality


def _iri_label(iri: str) -> str:
    """Fallback label for an IRI missing from the result's entities: its decoded local name."""
    local = iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return unquote(local).replace("_", " ")


def _candidates(
    doc: GoldDoc,
    pred: _Pred,
    mode: str,
    family: Callable[[str], str],
    symmetric: Callable[[str], bool],
) -> list[int]:
    """Gold claims a prediction agrees with in ``mode`` (same entities, of the same class), best first:
    required before optional, then the closest in property and modality."""
    classes = {normalize_name(e.name): e.cls for e in doc.entities}
    s, o = normalize_name(pred.subject), normalize_name(pred.object)
    ranked: list[tuple[bool, int, int]] = []
    for gi, g in enumerate(doc.claims):
        same_prop = pred.property == g.property
        same_family = same_prop or family(pred.property) == family(g.property)
        same_mod = pred.modality == g.modality
        if mode == "strict" and not (same_prop and same_mod):
            continue
        if mode == "family" and not (same_family and same_mod):
            continue
        gs, go = normalize_name(g.subject), normalize_name(g.object)
        forward = s == gs and o == go
        reverse_ok = symmetric(g.property) and (mode == "pair" or symmetric(pred.property))
        reverse = reverse_ok and s == go and o == gs
        if not (forward or reverse):
            continue
        first, second = (pred.subject_cls, pred.object_cls) if forward else (pred.object_cls, pred.subject_cls)
        if (first and classes.get(gs, first) != first) or (second and classes.get(go, second) != second):
            continue  # "Georgia" the Location is not "Georgia" the Country
        # in pair mode, prefer the gold claim that also agrees on property and modality
        rank = 0 if same_prop and same_mod else 1 if same_family and same_mod else 2 if same_mod else 3
        ranked.append((g.optional, rank, gi))
    return [gi for *_, gi in sorted(ranked)]


def _match_claims(
    doc: GoldDoc,
    preds: Sequence[_Pred],
    mode: str,
    family: Callable[[str], str],
    symmetric: Callable[[str], bool],
) -> dict[int, int]:
    """One-to-one matching (predicted index -> gold index) of the claims that agree in ``mode``."""
    return _max_matching([_candidates(doc, pred, mode, family, symmetric) for pred in preds])


def _absorbed(
    doc: GoldDoc,
    preds: Sequence[_Pred],
    matched: Mapping[int, int],
    mode: str,
    family: Callable[[str], str],
    symmetric: Callable[[str], bool],
) -> set[int]:
    """Predictions that are not true positives but agree (in ``mode``) with an optional gold claim: not false
    positives. A sub-property of an optional claim's property counts (organOf for an optional affiliatedWith)."""
    out = {pi for pi, gi in matched.items() if doc.claims[gi].optional}
    for pi, pred in enumerate(preds):
        if pi not in matched and any(doc.claims[gi].optional for gi in _candidates(doc, pred, mode, family, symmetric)):
            out.add(pi)
    return out


def _max_matching(adjacency: Sequence[Sequence[int]]) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn's augmenting paths); left i -> right j. Tries each list in order."""
    owner: dict[int, int] = {}  # right -> left

    def assign(left: int, visited: set[int]) -> bool:
        for right in adjacency[left]:
            if right in visited:
                continue
            visited.add(right)
            if right not in owner or assign(owner[right], visited):
                owner[right] = left
                return True
        return False

    for left in range(len(adjacency)):
        assign(left, set())
    return {left: right for right, left in owner.items()}
