"""A BERT WordPiece tokenizer in pure Python that tokenizes exactly like transformers.js.

The Python side mirrors @huggingface/tokenizers' BertNormalizer, BertPreTokenizer,
WordPiece model and TemplateProcessing, including its quirks (control characters
dropped before whitespace mapping, truncation after the special tokens), so that
the ids the model was trained on are the ids it sees at run time in Node.
"""

from __future__ import annotations

import heapq
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

PAD, UNK, CLS, SEP, MASK = "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"
SPECIAL_TOKENS = [PAD, UNK, CLS, SEP, MASK]
PREFIX = "##"
MAX_INPUT_CHARS_PER_WORD = 100

# JavaScript's \s minus the characters BertNormalizer drops first as controls (\v, \f, \ufeff).
_JS_WHITESPACE = set("\t\n\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(code) for code in range(0x2000, 0x200B)
}
_CONTROL_CATEGORIES = {"Cc", "Cf", "Co", "Cs"}
# Characters kept in the vocabulary however rare in the fiches: without them a whole word
# touching "!" or an emoji would become [UNK]. Accented letters are absent: normalize() strips them.
BASE_ALPHABET = (
    [chr(code) for code in range(0x21, 0x7F) if not chr(code).isupper()]
    + list("«»…‘’“”–—€°²³§•·×œæß")
    + list("🙂😊😉😀😃😁👍🙏😡😠😢😭❤🤔")
)


class _CleanTable(dict):
    """str.translate table for BertNormalizer.clean_text, filled lazily per code point."""

    def __missing__(self, code: int):
        char = chr(code)
        if code in (0, 0xFFFD) or (char not in "\t\n\r" and unicodedata.category(char) in _CONTROL_CATEGORIES):
            result = None
        elif char in _JS_WHITESPACE:
            result = " "
        else:
            result = char
        self[code] = result
        return result


class _StripAccentsTable(dict):
    """str.translate table removing non-spacing marks (\\p{Mn}) after NFD."""

    def __missing__(self, code: int):
        result = None if unicodedata.category(chr(code)) == "Mn" else chr(code)
        self[code] = result
        return result


_CLEAN = _CleanTable()
_STRIP_ACCENTS = _StripAccentsTable()


def _punctuation_class() -> str:
    """The character class of transformers.js' PUNCTUATION_REGEX: \\p{P} plus ASCII symbols."""
    codes = [c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)).startswith("P")]
    codes += list(range(0x21, 0x30)) + list(range(0x3A, 0x41)) + list(range(0x5B, 0x61)) + list(range(0x7B, 0x7F))
    codes = sorted(set(codes))
    ranges: list[str] = []
    start = previous = codes[0]
    for code in codes[1:] + [-1]:
        if code == previous + 1:
            previous = code
            continue
        ranges.append(re.escape(chr(start)) if start == previous else f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
        start = previous = code
    return "".join(ranges)


_PUNCTUATION = _punctuation_class()
_PRE_TOKEN = re.compile(f"[^\\s{_PUNCTUATION}]+|[{_PUNCTUATION}]")
_SPECIAL_SPLIT = re.compile("(" + "|".join(re.escape(token) for token in sorted(SPECIAL_TOKENS, key=len, reverse=True)) + ")")


def normalize(text: str) -> str:
    """BertNormalizer(clean_text, lowercase, strip_accents): SMS-style French often drops accents."""
    text = text.translate(_CLEAN).lower()
    return unicodedata.normalize("NFD", text).translate(_STRIP_ACCENTS)


def pre_tokenize(normalized: str) -> list[str]:
    return _PRE_TOKEN.findall(normalized.strip())


def words_of(text: str) -> list[str]:
    return pre_tokenize(normalize(text))


@dataclass
class WordPieceTokenizer:
    vocab: dict[str, int]
    max_length: int = 128

    def __post_init__(self) -> None:
        self.unk_id = self.vocab[UNK]
        self.cls_id = self.vocab[CLS]
        self.sep_id = self.vocab[SEP]
        self.pad_id = self.vocab[PAD]
        self.mask_id = self.vocab[MASK]
        self._word_cache: dict[str, list[str]] = {}

    def encode_word(self, word: str) -> list[str]:
        cached = self._word_cache.get(word)
        if cached is not None:
            return cached
        pieces: list[str] = []
        if len(word) > MAX_INPUT_CHARS_PER_WORD:
            pieces = [UNK]
        else:
            start = 0
            while start < len(word):
                end = len(word)
                piece = None
                while start < end:
                    candidate = word[start:end] if start == 0 else PREFIX + word[start:end]
                    if candidate in self.vocab:
                        piece = candidate
                        break
                    end -= 1
                if piece is None:
                    pieces = [UNK]
                    break
                pieces.append(piece)
                start = end
        if len(self._word_cache) < 500_000:
            self._word_cache[word] = pieces
        return pieces

    def tokenize(self, text: str) -> list[str]:
        """Tokens without special tokens, splitting literal special tokens out first as transformers.js does."""
        tokens: list[str] = []
        for section in _SPECIAL_SPLIT.split(text):
            if not section:
                continue
            if section in SPECIAL_TOKENS:
                tokens.append(section)
                continue
            for word in words_of(section):
                tokens.extend(self.encode_word(word))
        return tokens

    def encode(self, text: str, truncate: bool = True) -> list[int]:
        """[CLS] tokens [SEP], then cut at max_length like transformers.js (which may drop the final [SEP])."""
        ids = [self.cls_id] + [self.vocab.get(token, self.unk_id) for token in self.tokenize(text)] + [self.sep_id]
        return ids[: self.max_length] if truncate else ids

    def encode_plain(self, text: str) -> list[int]:
        """Ids without special tokens, for packing pre-training text into fixed-length blocks."""
        return [self.vocab.get(token, self.unk_id) for token in self.tokenize(text)]

    @classmethod
    def from_file(cls, path: str, max_length: int = 128) -> "WordPieceTokenizer":
        with open(path, encoding="utf-8") as handle:
            return cls(json.load(handle)["model"]["vocab"], max_length)


def train_vocabulary(
    word_counts: Counter[str], vocab_size: int, min_frequency: int = 2, alphabet_min_frequency: int = 20
) -> dict[str, int]:
    """WordPiece vocabulary learnt with BPE merges, as Hugging Face's WordPieceTrainer does.

    Words start as characters ("a", "##b", ...); the most frequent adjacent pair is merged
    until the vocabulary is full. Ties break lexicographically so that runs are reproducible.
    """
    char_counts: Counter[str] = Counter()
    for word, count in word_counts.items():
        for char in word:
            char_counts[char] += count
    alphabet = {char for char, count in char_counts.items() if count >= alphabet_min_frequency} | set(BASE_ALPHABET)

    words: list[list[str]] = []
    counts: list[int] = []
    for word, count in sorted(word_counts.items()):
        if count < min_frequency or len(word) > MAX_INPUT_CHARS_PER_WORD or any(char not in alphabet for char in word):
            continue
        words.append([word[0]] + [PREFIX + char for char in word[1:]])
        counts.append(count)

    vocab: dict[str, int] = {token: index for index, token in enumerate(SPECIAL_TOKENS)}
    for char in sorted(alphabet):
        vocab.setdefault(char, len(vocab))
        vocab.setdefault(PREFIX + char, len(vocab))

    pair_counts: defaultdict[tuple[str, str], int] = defaultdict(int)
    pair_words: defaultdict[tuple[str, str], set[int]] = defaultdict(set)
    for index, (symbols, count) in enumerate(zip(words, counts)):
        for pair in zip(symbols, symbols[1:]):
            pair_counts[pair] += count
            pair_words[pair].add(index)
    heap = [(-count, pair) for pair, count in pair_counts.items()]
    heapq.heapify(heap)

    while len(vocab) < vocab_size and heap:
        negative_count, pair = heapq.heappop(heap)
        if pair_counts.get(pair, 0) != -negative_count or negative_count == 0:
            continue
        left, right = pair
        merged = left + right[len(PREFIX):]
        vocab.setdefault(merged, len(vocab))
        touched: set[tuple[str, str]] = set()
        for index in list(pair_words[pair]):
            symbols, count = words[index], counts[index]
            for old in zip(symbols, symbols[1:]):
                pair_counts[old] -= count
                touched.add(old)
            merged_symbols: list[str] = []
            position = 0
            while position < len(symbols):
                if position + 1 < len(symbols) and symbols[position] == left and symbols[position + 1] == right:
                    merged_symbols.append(merged)
                    position += 2
                else:
                    merged_symbols.append(symbols[position])
                    position += 1
            words[index] = merged_symbols
            for new in zip(merged_symbols, merged_symbols[1:]):
                pair_counts[new] += count
                pair_words[new].add(index)
                touched.add(new)
        for changed in touched:
            if pair_counts[changed] > 0:
                heapq.heappush(heap, (-pair_counts[changed], changed))
            elif changed in pair_counts:
                del pair_counts[changed]
                pair_words.pop(changed, None)
    return vocab


def count_words(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(words_of(text))
    return counts


def tokenizer_json(vocab: dict[str, int]) -> dict:
    """A Hugging Face tokenizer.json (BertNormalizer + BertPreTokenizer + WordPiece + [CLS] $A [SEP])."""
    ids = {token: vocab[token] for token in (CLS, SEP)}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {
                "id": vocab[token],
                "content": token,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": False,
                "special": True,
            }
            for token in SPECIAL_TOKENS
        ],
        "normalizer": {
            "type": "BertNormalizer",
            "clean_text": True,
            "handle_chinese_chars": False,
            "strip_accents": True,
            "lowercase": True,
        },
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [
                {"SpecialToken": {"id": CLS, "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": SEP, "type_id": 0}},
            ],
            "pair": [
                {"SpecialToken": {"id": CLS, "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": SEP, "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 1}},
                {"SpecialToken": {"id": SEP, "type_id": 1}},
            ],
            "special_tokens": {token: {"id": token, "ids": [ids[token]], "tokens": [token]} for token in (CLS, SEP)},
        },
        "decoder": {"type": "WordPiece", "prefix": PREFIX, "cleanup": True},
        "model": {
            "type": "WordPiece",
            "unk_token": UNK,
            "continuing_subword_prefix": PREFIX,
            "max_input_chars_per_word": MAX_INPUT_CHARS_PER_WORD,
            "vocab": dict(sorted(vocab.items(), key=lambda item: item[1])),
        },
    }


def tokenizer_config(max_length: int) -> dict:
    return {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": True,
        "strip_accents": True,
        "tokenize_chinese_chars": False,
        "model_max_length": max_length,
        "padding_side": "right",
        "cls_token": CLS,
        "sep_token": SEP,
        "pad_token": PAD,
        "unk_token": UNK,
        "mask_token": MASK,
        "clean_up_tokenization_spaces": True,
    }
