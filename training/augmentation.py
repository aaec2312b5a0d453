"""Fine-tuning noise that imitates how requests are typed on a phone (abbreviations, typos)."""

from __future__ import annotations

import random
import re

_ABBREVIATIONS = {
    "bonjour": "bjr",
    "s'il vous plaît": "svp",
    "s'il vous plait": "svp",
    "rendez-vous": "rdv",
    "pour": "pr",
    "beaucoup": "bcp",
    "aujourd'hui": "auj",
    "quand": "qd",
    "avec": "avc",
    "dans": "ds",
    "vous": "vs",
    "nous": "ns",
    "tout": "tt",
    "c'est": "c",
    "je voudrais": "jvoudrais",
    "merci": "mrc",
}
_ABBREVIATION_PATTERN = re.compile(r"\b(" + "|".join(re.escape(word) for word in _ABBREVIATIONS) + r")\b", re.IGNORECASE)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    position = rng.randrange(1, len(word) - 1)
    if rng.random() < 0.5:
        return word[:position] + word[position + 1 :]
    return word[: position - 1] + word[position] + word[position - 1] + word[position + 1 :]


def sms_noise(text: str, rng: random.Random, probability: float = 0.5) -> str:
    """Leaves half the texts intact; the rest get abbreviations and a few dropped or swapped letters."""
    if rng.random() >= probability:
        return text
    text = _ABBREVIATION_PATTERN.sub(
        lambda match: _ABBREVIATIONS[match.group(0).lower()] if rng.random() < 0.5 else match.group(0), text
    )
    return " ".join(_typo(word, rng) if rng.random() < 0.06 else word for word in text.split(" "))
