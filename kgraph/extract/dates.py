"""Explicit dates in a sentence, resolved against the article date: "in 2022", "on Friday", "September 10, 2025"."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_FORMATS = ("%B %d, %Y", "%B %d %Y", "%d %B %Y", "%Y-%m-%d", "%b %d, %Y", "%d %b %Y", "%B %Y")


def _parse_absolute(text: str) -> str | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().removeprefix("on ").strip(" ,."))
    for fmt in _FORMATS:
        try:
            parsed = datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
        return parsed.strftime("%Y-%m") if fmt == "%B %Y" else parsed.isoformat()
    return None


def resolve_date(text: str, article_date: str | None) -> str | None:
    """An ISO date (or year / year-month) for a date expression, or None when it cannot be pinned down."""
    absolute = _parse_absolute(text)
    if absolute:
        return absolute
    lower = text.lower()
    anchor = date.fromisoformat(article_date) if article_date else None
    if anchor is not None:
        for index, name in enumerate(WEEKDAYS):
            if name in lower:
                # news uses a bare weekday for the most recent one, on or before the dateline
                back = (anchor.weekday() - index) % 7
                return (anchor - timedelta(days=back)).isoformat()
        if "yesterday" in lower:
            return (anchor - timedelta(days=1)).isoformat()
        if "today" in lower:
            return anchor.isoformat()
    year = _YEAR.search(text)
    if year and len(text) <= 20:
        return year.group(1)
    return None


def sentence_date(sent: Any, article_date: str | None, ents: Any = None) -> str | None:
    for ent in sent.ents if ents is None else ents:
        if ent.label_ == "DATE":
            resolved = resolve_date(ent.text, article_date)
            if resolved:
                return resolved
    return None
