"""Files, folders, JSONL and stdin -> Iterator[Article].

A bad file or JSONL line is reported through ``on_error`` and skipped: one failing article never loses the
others. A path that does not exist at all is a usage error and raises at once.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO

from .errors import InputError
from .types import Article

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_SEEDS = Path("seeds")
# spaCy refuses longer texts (nlp.max_length) and its parser needs about 1 GB per 100k words; a news article is
# a few thousand characters, so anything this long is a concatenated dump that should be split into articles
MAX_ARTICLE_CHARS = 1_000_000
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

ErrorHandler = Callable[[InputError], None]


def _raise(error: InputError) -> None:
    raise error


def article_id_for(name: str) -> str:
    """A stable article id from a file stem: 'NATO drones (1).txt' -> 'NATO-drones-1'."""
    cleaned = _ID_UNSAFE.sub("-", name).strip("-.")
    return cleaned[:100] or "article-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]


def _normalise_date(value: object, where: str) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise InputError(f"{where}: date {text!r} is not an ISO date (YYYY-MM-DD)") from None


def parse_text(raw: str, article_id: str, origin: str) -> Article:
    """Plain text or Markdown: first non-empty line is the title, the rest is the body."""
    raw = raw.lstrip("\ufeff")
    if "\x00" in raw:
        raise InputError(f"{origin}: looks like a binary file, not text")
    lines = raw.split("\n", 1)
    while lines and not lines[0].strip() and len(lines) > 1:
        lines = lines[1].split("\n", 1)
    title = lines[0].strip().lstrip("#").strip()
    body = lines[1] if len(lines) > 1 else ""
    if not title and not body.strip():
        raise InputError(f"{origin}: empty article")
    return Article(id=article_id, title=title, text=body, origin=origin)


def _read_text_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def parse_jsonl(stream: Iterable[str], origin: str, on_error: ErrorHandler = _raise) -> Iterator[Article]:
    """JSON Lines with fields id, title, text (required), date, url."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise InputError(f"{where}: expected a JSON object")
            text = record.get("text")
            if not isinstance(text, str) or not text.strip():
                raise InputError(f"{where}: missing or empty 'text'")
            raw_id = record.get("id")
            article_id = (
                article_id_for(str(raw_id))
                if raw_id not in (None, "")
                else "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
            )
            title = record.get("title")
            yield Article(
                id=article_id,
                title=str(title).strip() if title else "",
                text=text,
                date=_normalise_date(record.get("date"), where),
                url=str(record["url"]) if record.get("url") else None,
                origin=where,
            )
        except json.JSONDecodeError as exc:
            on_error(InputError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})"))
        except InputError as exc:
            on_error(exc)


def _from_file(path: Path, on_error: ErrorHandler) -> Iterator[Article]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        try:
            with path.open(encoding="utf-8") as handle:
                yield from parse_jsonl(handle, str(path), on_error)
        except UnicodeDecodeError:
            on_error(InputError(f"{path}: not UTF-8 text"))
        except OSError as exc:
            on_error(InputError(f"{path}: cannot read ({exc.strerror})"))
        return
    try:
        yield parse_text(_read_text_file(path), article_id_for(path.stem), str(path))
    except InputError as exc:
        on_error(exc)


def _from_stdin(stdin: IO[str], on_error: ErrorHandler) -> Iterator[Article]:
    try:
        data = stdin.read()
    except UnicodeDecodeError:
        raise InputError("<stdin>: not UTF-8 text") from None
    stripped = data.lstrip()
    if stripped.startswith("{"):
        yield from parse_jsonl(data.splitlines(), "<stdin>", on_error)
        return
    digest = hashlib.sha1(data.encode("utf-8")).hexdigest()[:12]
    try:
        yield parse_text(data, f"stdin-{digest}", "<stdin>")
    except InputError as exc:
        on_error(exc)


def iter_articles(
    paths: Iterable[str | Path] = (),
    *,
    on_error: ErrorHandler = _raise,
    stdin: IO[str] | None = None,
) -> Iterator[Article]:
    """Articles from every path in order. No path means ``seeds/``. ``-`` reads stdin (text or JSONL)."""
    for article in _all_articles(paths, on_error, stdin):
        if len(article.text) > MAX_ARTICLE_CHARS:
            on_error(
                InputError(
                    f"{article.origin}: {len(article.text):,} characters is too long for one article "
                    f"(limit {MAX_ARTICLE_CHARS:,}); split it into articles (one JSONL line each)"
                )
            )
            continue
        yield article


def _all_articles(paths: Iterable[str | Path], on_error: ErrorHandler, stdin: IO[str] | None) -> Iterator[Article]:
    given = list(paths) or [DEFAULT_SEEDS]
    for item in given:
        if str(item) == "-":
            yield from _from_stdin(stdin or sys.stdin, on_error)
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES
            )
            if not files:
                on_error(InputError(f"{path}: no .txt, .md or .jsonl files in this folder"))
            for file in files:
                yield from _from_file(file, on_error)
        elif path.is_file():
            yield from _from_file(path, on_error)
        else:
            raise InputError(f"{path}: no such file or folder")
