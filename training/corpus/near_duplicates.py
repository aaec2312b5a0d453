"""Near-duplicate detection between texts: same word 3-shingles for the most part (Jaccard >= 0.6), or the same
normalised text. test/classifiers/blind-split.test.ts applies the same rule in TypeScript."""
import re
import unicodedata

THRESHOLD = 0.6


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.lower())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return " ".join(re.findall(r"\w+", folded))


def shingles(text: str) -> set:
    words = normalise(text).split()
    if not words:
        return set()
    if len(words) < 3:
        return {" ".join(words)}
    return {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}


class NearDuplicateIndex:
    def __init__(self, texts: list[str]):
        self.sets = [shingles(text) for text in texts]
        self.by_shingle = {}
        for position, items in enumerate(self.sets):
            for shingle in items:
                self.by_shingle.setdefault(shingle, []).append(position)

    def matches(self, text: str) -> bool:
        mine = shingles(text)
        if not mine:
            return False
        candidates = {position for shingle in mine for position in self.by_shingle.get(shingle, ())}
        return any(len(mine & self.sets[p]) / len(mine | self.sets[p]) >= THRESHOLD for p in candidates)
