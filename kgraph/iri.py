"""The one place IRIs are minted: same input, same IRI; any text gives a valid IRI."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from .vocab import KGA, KGC, KGE, KGG, KGM

_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
_MAX_SLUG = 60
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
# letters NFKD does not decompose into ASCII
_TRANSLIT = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                           "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"})  # fmt: skip


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text.translate(_TRANSLIT)).encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    """ASCII CamelCase slug: 'Jamie Shea' -> 'JamieShea'. Never empty.

    Lossy cases (accents or other scripts dropped, or cut to length) get a digest of the original text so that
    distinct names never share an IRI.
    """
    folded = _ascii(text)
    camel = "".join(p[:1].upper() + p[1:] for p in _UNSAFE.split(folded) if p)
    if camel and folded == text and len(camel) <= _MAX_SLUG:
        return camel
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return f"{camel[:_MAX_SLUG]}_{digest}" if camel else f"x{digest}"


def article_slug(article_id: str) -> str:
    """Article ids keep their shape ('g01-baltic') when already safe. Other ids are cleaned and given a digest of
    the whole id, so two ids never share an IRI (unlike ``slug``, which merges spellings of one name)."""
    if _SAFE_ID.fullmatch(article_id):
        return article_id
    digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", _ascii(article_id)).strip("-._")[:80].rstrip("-._")
    return f"{cleaned}_{digest}" if cleaned else f"x{digest}"


def entity_iri(label: str, cls: str) -> URIRef:
    """IRI for an entity minted from text: class-qualified so a Person and an Organization never merge."""
    return KGE[f"{cls}/{slug(label)}"]


def article_iri(article_id: str) -> URIRef:
    return KGA[article_slug(article_id)]


def graph_iri(article_id: str) -> URIRef:
    """The named graph holding one article's triples and claims."""
    return KGG[article_slug(article_id)]


def claim_iri(
    article_id: str, subject: str, prop: str, obj: str, start: int, end: int, *, in_title: bool = False
) -> URIRef:
    # spans of headline claims index into the title: the marker keeps them apart from the text's
    key = "\x1f".join((subject, prop, obj, str(start), str(end), *(("title",) if in_title else ())))
    return KGC[f"{article_slug(article_id)}/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"]


def mention_iri(article_id: str, start: int, end: int, *, in_title: bool = False) -> URIRef:
    """A mention: its article and character span (in the title or the text)."""
    return KGM[f"{article_slug(article_id)}/{'title' if in_title else 'text'}/{start}-{end}"]
