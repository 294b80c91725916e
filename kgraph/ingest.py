"""Files, folders, JSONL, JSON arrays, CSV, RSS/Atom feeds and stdin -> Iterator[Article].

A bad file or JSONL line is reported through ``on_error`` and skipped: one failing article never loses the
others. A path that does not exist at all is a usage error and raises at once.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from .errors import InputError
from .feeds import FEED_SUFFIXES, feed_records, is_feed
from .types import Article

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
TABLE_SUFFIXES = (".json", ".csv")  # a JSON array or a CSV table of records with the JSONL fields
ARTICLE_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + TABLE_SUFFIXES + FEED_SUFFIXES  # what a folder is read for
DEFAULT_SEEDS = Path("seeds")
# spaCy refuses longer texts (nlp.max_length) and its parser needs about 1 GB per 100k words; a news article is
# a few thousand characters, so anything this long is a concatenated dump that should be split into articles
MAX_ARTICLE_CHARS = 1_000_000
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_ID = 100

STDIN_FORMATS = ("text", "jsonl", None)  # None: tell by the content

ErrorHandler = Callable[[InputError], None]
WarningHandler = Callable[[str], None]


def _raise(error: InputError) -> None:
    raise error


def _ignore(message: str) -> None:
    pass


def article_id_for(name: str) -> str:
    """A stable article id from a file stem or a JSONL id: kept as it is when already safe ('g01-baltic');
    else cleaned and given a digest of the original, so ids that clean alike ('report/1', 'report 1') or share
    their first 100 characters stay apart: 'NATO drones (1)' -> 'NATO-drones-1-<12 hex digits>'."""
    cleaned = _ID_UNSAFE.sub("-", name).strip("-.")
    if cleaned == name and len(name) <= _MAX_ID:
        return name
    digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{cleaned[: _MAX_ID - 13].rstrip('-.')}-{digest}" if cleaned else f"article-{digest}"


def _normalise_date(value: object, where: str) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise InputError(f"{where}: date {text!r} is not an ISO date (YYYY-MM-DD)") from None


def parse_text(raw: str, article_id: str, origin: str) -> Article:
    """Plain text or Markdown: first non-empty line is the title, the rest is the body. A YAML front matter
    block (between '---' lines at the top) may give the JSONL fields but text: id, title, date, url; with a
    title there, the whole body is text. The block is not part of the text, so spans index into the body."""
    raw = raw.lstrip("\ufeff")
    if "\x00" in raw:
        raise InputError(f"{origin}: looks like a binary file, not text")
    meta, raw = _split_front_matter(raw, origin)
    title, body = _title_and_body(raw)
    if meta.get("title") not in (None, ""):
        title, body = str(meta["title"]).strip(), raw
    if not title and not body.strip():
        raise InputError(f"{origin}: empty article")
    fields = {key: str(meta[key]) for key in FRONT_MATTER_FIELDS if meta.get(key) not in (None, "")}
    _check_record({**fields, "title": title, "text": body}, origin)
    return Article(
        id=article_id_for(fields["id"]) if "id" in fields else article_id,
        title=title,
        text=body,
        date=_normalise_date(fields.get("date"), origin),
        url=fields.get("url"),
        origin=origin,
    )


def _title_and_body(raw: str) -> tuple[str, str]:
    lines = raw.split("\n", 1)
    while lines and not lines[0].strip() and len(lines) > 1:
        lines = lines[1].split("\n", 1)
    return lines[0].strip().lstrip("#").strip(), lines[1] if len(lines) > 1 else ""


FRONT_MATTER_FIELDS = ("id", "title", "date", "url")  # the JSONL fields but text; other keys are ignored, as there
_FENCE = re.compile(r"---[ \t]*\r?(?:\n|\Z)")
_FENCE_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def _split_front_matter(raw: str, origin: str) -> tuple[dict[str, object], str]:
    """({key: value}, the text after the block) when ``raw`` opens with a '---' line; else ({}, raw)."""
    opening = _FENCE.match(raw)
    if not opening:
        return {}, raw
    closing = _FENCE_END.search(raw, opening.end())
    if not closing:
        raise InputError(f"{origin}: the front matter opened by '---' on line 1 is never closed by a '---' line")
    import yaml  # only for files that have front matter

    block = raw[opening.end() : closing.start()]
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 2}" if mark is not None else ""  # + the opening '---', 1-based
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise InputError(f"{origin}: bad YAML front matter{at} ({problem})") from None
    except ValueError as exc:  # a date-shaped value that is no date (2025-13-45) fails in PyYAML's constructor
        raise InputError(f"{origin}: bad YAML front matter ({exc})") from None
    except RecursionError:
        raise InputError(f"{origin}: YAML front matter nested too deeply") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(f"{origin}: front matter holds 'key: value' lines ({', '.join(FRONT_MATTER_FIELDS)})")
    rest = raw[closing.end() :]
    return meta, rest[1:] if rest.startswith("\n") else rest


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
            yield _record_article(json.loads(line), where)
        except json.JSONDecodeError as exc:
            on_error(InputError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})"))
        except RecursionError:  # json's decoder recurses once per level of nesting
            on_error(InputError(f"{where}: JSON nested too deeply to be an article"))
        except InputError as exc:
            on_error(exc)


def _record_article(record: object, where: str) -> Article:
    """One article from a record with the JSONL fields: id, title, text (required), date, url."""
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: missing or empty 'text'")
    _check_record(record, where)
    raw_id = record.get("id")
    article_id = (
        article_id_for(str(raw_id))
        if raw_id not in (None, "")
        else "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    )
    title = record.get("title")
    return Article(
        id=article_id,
        title=str(title).strip() if title else "",
        text=text,
        date=_normalise_date(record.get("date"), where),
        url=str(record["url"]) if record.get("url") else None,
        origin=where,
    )


def parse_json_array(raw: str, origin: str, on_error: ErrorHandler = _raise) -> Iterator[Article]:
    """A .json file: an array of objects with the JSONL fields. Any other shape is an error, not a text."""
    try:
        records = json.loads(raw)
    except json.JSONDecodeError as exc:
        on_error(InputError(f"{origin}: invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"))
        return
    except RecursionError:
        on_error(InputError(f"{origin}: JSON nested too deeply to be articles"))
        return
    if not isinstance(records, list):
        shape = "an object" if isinstance(records, dict) else "a string" if isinstance(records, str) else "a value"
        on_error(InputError(f"{origin}: a .json file holds an array of articles (id, title, text, date, url), "
                            f"not {shape}; use .jsonl for one object a line"))  # fmt: skip
        return
    for number, record in enumerate(records, start=1):
        try:
            yield _record_article(record, f"{origin}[{number}]")
        except InputError as exc:
            on_error(exc)


def parse_csv(raw: str, origin: str, on_error: ErrorHandler = _raise) -> Iterator[Article]:
    """A .csv file with a header naming the JSONL fields (text required; id, title, date, url optional)."""
    reader = csv.DictReader(io.StringIO(raw))
    if "text" not in (reader.fieldnames or []):
        on_error(InputError(f"{origin}: a .csv file needs a header with a 'text' column (and id, title, date, url)"))
        return
    for record in reader:
        try:
            yield _record_article({k: v for k, v in record.items() if k is not None}, f"{origin}:{reader.line_num}")
        except InputError as exc:
            on_error(exc)
        except csv.Error as exc:
            on_error(InputError(f"{origin}:{reader.line_num}: bad CSV ({exc})"))


_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _check_record(record: dict[str, object], where: str) -> None:
    """What would fail later, in the graph or a writer, for this one article: a lone surrogate (valid JSON,
    ``"\\ud800"``, but no text that UTF-8 can hold) in a field kgraph keeps, or a URL that is no IRI."""
    for key in ("id", "title", "text", "date", "url"):
        value = record.get(key)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError(f"{where}: {key!r} holds a lone surrogate ({value[exc.start]!r}), not text") from None
    url = record.get("url")
    if url:
        _check_url(str(url), where)


def _check_url(url: str, where: str) -> None:
    """A URL whose text is a valid IRI: no spaces or control characters, every % an escape, a host
    that parses (brackets only around an IPv6 address)."""
    shown = url if len(url) <= 80 else url[:79] + "…"
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 or c in '<>"{}|\\^`' for c in url):
        raise InputError(f'{where}: url {shown!r} holds a space, a control character or one of <>"{{}}|\\^`')
    if _BAD_ESCAPE.search(url):
        raise InputError(f"{where}: url {shown!r} has a % that is not an escape (write %25 for a percent sign)")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises for a port that is no number)
    except ValueError as exc:
        raise InputError(f"{where}: url {shown!r} is not a URL ({exc})") from None
    host = parts.netloc.rpartition("@")[2]
    if ("[" in host or "]" in host) and not re.fullmatch(r"\[[0-9A-Fa-f:.]+\](:\d*)?", host):
        raise InputError(f"{where}: url {shown!r} has brackets in its host")


def parse_feed(data: bytes, origin: str, on_error: ErrorHandler = _raise) -> Iterator[Article]:
    """An RSS or Atom feed's bytes: one article per entry (kgraph.feeds), checked as a JSONL record is."""
    try:
        for where, record in feed_records(data, origin):
            try:
                if isinstance(record, InputError):
                    raise record
                yield _record_article(record, where)
            except InputError as exc:
                on_error(exc)
    except InputError as exc:
        on_error(exc)


def _from_feed(path: Path, on_error: ErrorHandler, named: bool) -> Iterator[Article]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        on_error(InputError(f"{path}: cannot read ({exc.strerror})"))
        return
    if not named and path.suffix.lower() == ".xml" and not is_feed(data):
        return  # an .xml file found in a folder may be anything; one named on the command line must be a feed
    yield from parse_feed(data, str(path), on_error)


def _from_file(path: Path, on_error: ErrorHandler, named: bool = True) -> Iterator[Article]:
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        yield from _from_feed(path, on_error, named)
        return
    if suffix in JSONL_SUFFIXES:
        try:
            with path.open(encoding="utf-8") as handle:
                yield from parse_jsonl(handle, str(path), on_error)
        except UnicodeDecodeError:
            on_error(InputError(f"{path}: not UTF-8 text"))
        except OSError as exc:
            on_error(InputError(f"{path}: cannot read ({exc.strerror})"))
        return
    if suffix in TABLE_SUFFIXES:
        try:
            raw = _read_text_file(path)
        except InputError as exc:
            on_error(exc)
            return
        yield from (parse_json_array if suffix == ".json" else parse_csv)(raw, str(path), on_error)
        return
    try:
        yield parse_text(_read_text_file(path), article_id_for(path.stem), str(path))
    except InputError as exc:
        on_error(exc)


def _from_stdin(
    stdin: IO[str], on_error: ErrorHandler, fmt: str | None = None, on_warning: WarningHandler = _ignore
) -> Iterator[Article]:
    """stdin as ``fmt`` ("text" or "jsonl"); None: JSONL when its first line is a JSON object, else text. Input
    that starts with '{' but is not JSON is read as text, with a warning: never dropped."""
    if fmt not in STDIN_FORMATS:
        raise InputError(f"unknown stdin format {fmt!r}; use one of {', '.join(f for f in STDIN_FORMATS if f)}")
    try:
        data = stdin.read()
    except UnicodeDecodeError:
        raise InputError("<stdin>: not UTF-8 text") from None
    if fmt == "jsonl" or (fmt is None and _first_line_is_object(data)):
        failed = []

        def count(error: InputError) -> None:
            failed.append(error)
            on_error(error)

        yield from parse_jsonl(data.splitlines(), "<stdin>", count if fmt is None else on_error)
        if failed:
            on_warning(
                "<stdin> was read as JSON Lines (its first line is a JSON object); pass --stdin-format text to "
                "read it as one text article"
            )
        return
    if fmt is None and data.lstrip().startswith("{"):
        on_warning("<stdin> starts with '{' but is not JSON Lines: read as one text article (--stdin-format)")
    digest = hashlib.sha1(data.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    try:
        yield parse_text(data, f"stdin-{digest}", "<stdin>")
    except InputError as exc:
        on_error(exc)


def _first_line_is_object(data: str) -> bool:
    first = next((line for line in data.lstrip().splitlines() if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def iter_articles(
    paths: Iterable[str | Path] = (),
    *,
    on_error: ErrorHandler = _raise,
    stdin: IO[str] | None = None,
    stdin_format: str | None = None,
    on_warning: WarningHandler = _ignore,
) -> Iterator[Article]:
    """Articles from every path in order. No path means ``seeds/``. ``-`` reads stdin: ``stdin_format`` "text" or
    "jsonl", or None to tell by its content. ``on_warning`` hears of input read in a way the user may not
    expect (nothing is skipped for it)."""
    for article in _all_articles(paths, on_error, stdin, stdin_format, on_warning):
        if len(article.text) > MAX_ARTICLE_CHARS:
            on_error(
                InputError(
                    f"{article.origin}: {len(article.text):,} characters is too long for one article "
                    f"(limit {MAX_ARTICLE_CHARS:,}); split it into articles (one JSONL line each)"
                )
            )
            continue
        yield article


def _all_articles(
    paths: Iterable[str | Path],
    on_error: ErrorHandler,
    stdin: IO[str] | None,
    stdin_format: str | None,
    on_warning: WarningHandler,
) -> Iterator[Article]:
    given = list(paths) or [DEFAULT_SEEDS]
    for item in given:
        if str(item) == "-":
            yield from _from_stdin(stdin or sys.stdin, on_error, stdin_format, on_warning)
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                on_error(InputError(f"{path}: no article files in this folder ({' '.join(ARTICLE_SUFFIXES)})"))
            for file in files:
                yield from _from_file(file, on_error, named=False)
        elif path.is_file():
            yield from _from_file(path, on_error)
        else:
            raise InputError(f"{path}: no such file or folder")
