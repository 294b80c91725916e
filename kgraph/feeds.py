"""RSS and Atom feed files -> one record per entry with the JSONL fields (id, title, text, date, url).

feedparser reads the file's bytes (never a URL: nothing is fetched) and sanitises the entries' HTML; the text
kept is that HTML's character data, with a line break at each block element so paragraphs stay sentences.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from .errors import InputError

FEED_SUFFIXES = (".rss", ".atom", ".xml")
_SPACES = re.compile(r"\s+")
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "footer", "h1",
     "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
     "td", "th", "tr", "ul"}
)  # fmt: skip


class _TextOnly(HTMLParser):
    """Character data of an HTML fragment (entities decoded); block elements end a line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(_SPACES.sub(" ", data))  # in HTML a line break in the source is a space


def html_text(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, white space folded, a line per block."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def is_feed(data: bytes) -> bool:
    """Whether feedparser recognises ``data`` as an RSS or Atom feed (used for .xml files, which may be anything)."""
    return bool(_parse(data).get("version"))


def feed_records(data: bytes, origin: str) -> Iterator[tuple[str, dict[str, Any] | InputError]]:
    """(where, record) for each entry of the feed in ``data``, or (where, InputError) for an entry that cannot
    be an article (no text, a date feedparser cannot read). A file that is no feed raises InputError."""
    parsed = _parse(data)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        why = f" ({str(problem).splitlines()[0]})" if problem else ""
        raise InputError(f"{origin}: not an RSS or Atom feed{why}")
    entries = parsed.get("entries") or []
    if not entries:
        raise InputError(f"{origin}: the feed has no entries")
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}[{number}]"
        try:
            yield where, _entry_record(entry, where)
        except InputError as exc:
            yield where, exc


def _parse(data: bytes) -> Any:
    import feedparser  # a few hundred milliseconds: only when a feed is read

    # a stream, not bytes or str: feedparser fetches a str that looks like a URL and opens one that names a file
    return feedparser.parse(io.BytesIO(data))


def _entry_record(entry: Any, where: str) -> dict[str, Any]:
    contents = [c.get("value", "") for c in entry.get("content") or []]
    text = html_text("\n".join(contents) if any(contents) else entry.get("summary", ""))
    if not text:
        raise InputError(f"{where}: the entry has neither content nor summary text")
    return {
        "id": entry.get("id") or entry.get("link") or None,
        "title": html_text(entry.get("title", "")),
        "text": text,
        "date": _entry_date(entry, where),
        "url": entry.get("link") or None,
    }


def _entry_date(entry: Any, where: str) -> str | None:
    for key in ("published", "updated"):
        if entry.get(key):
            parsed = entry.get(f"{key}_parsed")
            if parsed is None:
                raise InputError(f"{where}: {key} date {entry[key]!r} is not a date")
            return time.strftime("%Y-%m-%d", parsed)
    return None
