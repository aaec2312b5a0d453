"""Token blocks for masked-language-model pre-training, cached per tokenizer and block length."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import numpy as np

import texts
import wordpiece

# Fiche blocks outnumber citizens' requests a hundredfold; repeating the requests keeps
# their register (short, informal, first person) visible to the encoder during pre-training.
REQUEST_SHARE = 0.15
MIN_BLOCK_TOKENS = 16


def _fiche_blocks(tokenizer: wordpiece.WordPieceTokenizer, documents: list[str], max_length: int) -> list[list[int]]:
    """Each fiche's tokens cut into [CLS] ... [SEP] blocks of at most max_length."""
    span = max_length - 2
    blocks: list[list[int]] = []
    for document in documents:
        ids = [token for line in document.split("\n") for token in tokenizer.encode_plain(line)]
        for start in range(0, len(ids), span):
            piece = ids[start : start + span]
            if len(piece) >= MIN_BLOCK_TOKENS:
                blocks.append([tokenizer.cls_id] + piece + [tokenizer.sep_id])
    return blocks


def fiche_blocks(
    tokenizer_path: Path, tokenizer: wordpiece.WordPieceTokenizer, max_length: int, fraction: float, seed: int
) -> list[list[int]]:
    digest = hashlib.sha256(tokenizer_path.read_bytes()).hexdigest()[:12]
    cache = texts.BUILD_ROOT / f"fiche-blocks-{digest}-{max_length}.npz"
    if cache.exists():
        stored = np.load(cache)
        ids, lengths = stored["ids"], stored["lengths"]
        blocks = [row[:length].tolist() for row, length in zip(ids, lengths)]
    else:
        blocks = _fiche_blocks(tokenizer, texts.fiche_documents(), max_length)
        ids = np.full((len(blocks), max_length), tokenizer.pad_id, dtype=np.int16)
        for row, block in zip(ids, blocks):
            row[: len(block)] = block
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(cache, ids=ids, lengths=np.array([len(block) for block in blocks], dtype=np.int16))
    if fraction < 1.0:
        blocks = random.Random(seed).sample(blocks, max(1, int(len(blocks) * fraction)))
    return blocks


def pretraining_sequences(
    tokenizer_path: Path, tokenizer: wordpiece.WordPieceTokenizer, request_texts: list[str], fraction: float, seed: int
) -> list[list[int]]:
    blocks = fiche_blocks(tokenizer_path, tokenizer, tokenizer.max_length, fraction, seed)
    requests = [tokenizer.encode(text) for text in request_texts]
    if requests:
        repeats = max(1, round(REQUEST_SHARE * len(blocks) / ((1 - REQUEST_SHARE) * len(requests))))
        blocks = blocks + requests * repeats
    return blocks
