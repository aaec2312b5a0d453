"""Reads the realistic hand-written messages (training/corpus/realistic/*.txt and training/corpus/blind/*.txt).

Each message was written individually, as a distinct citizen would write it. File format, one block a message:

    @@ intent-id | channel | lang | kind | subject (may be empty)
    %% part: intent-id :: exact excerpt of the body        (demandes-multiples only, one line per request, 2 or more)
    %% administration: administration-id                    (autre-administration only)
    body lines...

kind: what makes the message easy or hard to sort (see KINDS). Usage as a check:
    python3 training/corpus/realistic_messages.py FILE...   # prints counts, exits 1 on the first malformed block
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TAXONOMY = ROOT / "classifiers" / "taxonomy" / "taxonomy.json"
KINDS = ("plain", "misleading-context", "several-requests", "other-administration", "no-clear-request",
         "forwarded-chain", "long", "short-sms")
ADMINISTRATIONS = ("impots", "ants", "prefecture", "caf", "france-travail", "cpam", "tribunal", "retraite",
                   "departement", "education-nationale", "gendarmerie-police-nationale", "autre")


def queue_of_intents() -> dict[str, str]:
    taxonomy = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    return {intent["id"]: queue["id"] for queue in taxonomy["queues"] for intent in queue["intents"]}


class FormatError(Exception):
    pass


def parse_file(path: Path, queue_of: dict[str, str]) -> list[dict]:
    messages, current = [], None

    def close(block):
        if block is None:
            return
        text = "\n".join(block.pop("lines")).strip()
        where = block.pop("where")
        if not text:
            raise FormatError(f"{where}: empty body")
        block["text"] = text
        if block["intent"] == "demandes-multiples":
            if len(block["parts"]) < 2:
                raise FormatError(f"{where}: demandes-multiples needs 2 or more '%% part:' lines")
            for part in block["parts"]:
                if part["text"] not in text:
                    raise FormatError(f"{where}: part excerpt not found verbatim in the body: {part['text']!r}")
        elif block["parts"]:
            raise FormatError(f"{where}: '%% part:' lines belong to demandes-multiples only")
        if block["intent"] == "autre-administration" and not block.get("administration"):
            raise FormatError(f"{where}: autre-administration needs '%% administration: …'")
        messages.append(block)

    in_header = False
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        where = f"{path.name}:{number}"
        if line.startswith("@@ "):
            close(current)
            fields = [field.strip() for field in line[3:].split("|", 4)]
            if len(fields) != 5:
                raise FormatError(f"{where}: header needs 5 fields 'intent | channel | lang | kind | subject'")
            intent, channel, lang, kind, subject = fields
            if intent not in queue_of:
                raise FormatError(f"{where}: unknown intent {intent!r}")
            if channel not in ("form", "email"):
                raise FormatError(f"{where}: channel must be form or email")
            if not (2 <= len(lang) <= 3 and lang.isalpha() and lang.islower()):
                raise FormatError(f"{where}: lang must be an ISO 639-1 code such as fr, en, es")
            if kind not in KINDS:
                raise FormatError(f"{where}: kind must be one of {', '.join(KINDS)}")
            current = {"intent": intent, "queue": queue_of[intent], "channel": channel, "lang": lang, "kind": kind,
                       "subject": subject, "parts": [], "lines": [], "where": where}
            in_header = True
        elif current is None:
            if line.strip():
                raise FormatError(f"{where}: text before the first '@@' header")
        elif in_header and line.startswith("%% "):
            key, _, value = line[3:].partition(":")
            key, value = key.strip(), value.strip()
            if key == "part":
                intent, sep, excerpt = value.partition("::")
                intent, excerpt = intent.strip(), excerpt.strip()
                if not sep or intent not in queue_of or not excerpt:
                    raise FormatError(f"{where}: part line must be '%% part: intent-id :: excerpt'")
                current["parts"].append({"queue": queue_of[intent], "intent": intent, "text": excerpt})
            elif key == "administration":
                if value not in ADMINISTRATIONS:
                    raise FormatError(f"{where}: administration must be one of {', '.join(ADMINISTRATIONS)}")
                current["administration"] = value
            else:
                raise FormatError(f"{where}: unknown '%%' line {key!r}")
        else:
            in_header = False
            current["lines"].append(line)
    close(current)
    return messages


def read_folder(folder: Path, queue_of: dict[str, str]) -> list[dict]:
    messages = []
    for path in sorted(folder.glob("*.txt")):
        for message in parse_file(path, queue_of):
            message["file"] = path.name
            messages.append(message)
    return messages


if __name__ == "__main__":
    from collections import Counter
    queue_of = queue_of_intents()
    total = Counter()
    try:
        for name in sys.argv[1:]:
            parsed = parse_file(Path(name), queue_of)
            total.update(m["kind"] for m in parsed)
            print(f"{name}: {len(parsed)} messages; languages {dict(Counter(m['lang'] for m in parsed))}; "
                  f"queues {dict(Counter(m['queue'] for m in parsed))}")
    except FormatError as error:
        sys.exit(f"format error: {error}")
    print("kinds:", dict(total))
