"""The benchmark corpus: the seed article and the gold texts recombined into N news-shaped articles.

Each article starts with the sentences of one source text in order (so titles, pronouns and paragraphs keep
their real shape), then borrows sentences from others up to a drawn length (600–1,000 words). Countries are
swapped through a per-article permutation — names and demonyms together ("Poland"/"Polish" -> "Latvia"/
"Latvian") — so the graph gets varied claims rather than 1,000 copies of the same ones. Deterministic for a
given seed. Written as JSONL (id, title, text, date), streamed: the corpus is never held whole.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z\"“‘])")


@dataclass(frozen=True)
class Source:
    title: str
    paragraphs: tuple[tuple[str, ...], ...]  # sentences per paragraph


def split_sentences(paragraph: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in _SENTENCE_END.split(paragraph.strip()) if s.strip())


def load_sources(root: Path = ROOT) -> list[Source]:
    """seeds/*.txt (first line = title) and tests/gold/*.json (title, text)."""
    sources = []
    for path in sorted((root / "seeds").glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        sources.append(_source(title, body))
    for path in sorted((root / "tests" / "gold").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        sources.append(_source(record.get("title") or "", record["text"]))
    return [s for s in sources if s.paragraphs]


def _source(title: str, body: str) -> Source:
    paragraphs = tuple(p for p in (split_sentences(block) for block in body.split("\n")) if p)
    return Source(title.strip(), paragraphs)


def country_names(root: Path = ROOT) -> list[tuple[str, tuple[str, ...]]]:
    """(label, demonyms) of every country in the ontology, for substitution."""
    from kgraph.ontology import load_ontology

    ontology = load_ontology()
    return sorted((ind.label, tuple(ind.demonyms)) for ind in ontology.individuals.values() if ind.cls == "Country")


class Substituter:
    """Swaps country names and demonyms through a permutation; whole words only, one regex pass."""

    def __init__(self, countries: list[tuple[str, tuple[str, ...]]], rng: random.Random) -> None:
        targets = countries[:]
        rng.shuffle(targets)
        self.mapping: dict[str, str] = {}
        for (label, demonyms), (new_label, new_demonyms) in zip(countries, targets, strict=True):
            self.mapping[label] = new_label
            for i, demonym in enumerate(demonyms):
                if new_demonyms:
                    self.mapping[demonym] = new_demonyms[min(i, len(new_demonyms) - 1)]
        names = sorted(self.mapping, key=len, reverse=True)  # "North Korea" before "Korea"
        self.pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")

    def __call__(self, text: str) -> str:
        return self.pattern.sub(lambda m: self.mapping[m.group(1)], text)


def generate(n_articles: int = 1000, *, seed: int = 7, root: Path = ROOT) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    sources = load_sources(root)
    countries = country_names(root)
    for index in range(n_articles):
        swap = Substituter(countries, rng)
        lead = sources[index % len(sources)]
        target = rng.randint(600, 1000)
        paragraphs = [" ".join(p) for p in lead.paragraphs]
        words = sum(len(p.split()) for p in paragraphs)
        while words < target:
            other = rng.choice(sources)
            para = rng.choice(other.paragraphs)
            start = rng.randrange(len(para))
            chunk = " ".join(para[start : start + rng.randint(2, 5)])
            paragraphs.append(chunk)
            words += len(chunk.split())
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        yield {
            "id": f"bench-{index + 1:05d}",
            "title": swap(lead.title) or f"Article {index + 1}",
            "text": swap("\n".join(paragraphs)),
            "date": f"2025-{month:02d}-{day:02d}",
        }


def write_corpus(n_articles: int = 1000, *, seed: int = 7, folder: Path = CORPUS_DIR) -> tuple[Path, int]:
    """Write the corpus as JSONL; returns (path, words)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"corpus-{n_articles}-s{seed}.jsonl"
    words = 0
    tmp = path.with_suffix(".jsonl.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for record in generate(n_articles, seed=seed):
            words += len(record["text"].split())
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path, words


def head(path: Path, n_articles: int, out: Path) -> Path:
    """The first ``n_articles`` lines of a JSONL corpus, as another file (for shorter runs on the same texts)."""
    with path.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n_articles:
                break
            dst.write(line)
    return out


if __name__ == "__main__":
    corpus, total = write_corpus()
    print(f"{corpus}: {total:,} words")
