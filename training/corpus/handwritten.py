"""Reads the hand-written messages (held-out only). File format, one message per block:

@@ intent-id | channel | lang | subject (may be empty)
body lines...
"""
import sys
from pathlib import Path

HANDWRITTEN_DIR = Path(__file__).resolve().parent / "handwritten"


def read_handwritten(queue_of: dict[str, str]) -> list[dict]:
    messages = []
    for path in sorted(HANDWRITTEN_DIR.glob("*.txt")):
        current = None
        for line_number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if line.startswith("@@ "):
                if current:
                    messages.append(current)
                fields = [field.strip() for field in line[3:].split("|")]
                if len(fields) != 4 or fields[0] not in queue_of or fields[1] not in ("form", "email"):
                    sys.exit(f"{path.name}:{line_number}: bad header {line!r}")
                current = {"intent": fields[0], "channel": fields[1], "lang": fields[2], "subject": fields[3],
                           "lines": []}
            elif current is not None:
                current["lines"].append(line)
        if current:
            messages.append(current)
    for message in messages:
        message["text"] = "\n".join(message.pop("lines")).strip()
        if not message["text"]:
            sys.exit(f"empty hand-written message for {message['intent']}")
    return messages
