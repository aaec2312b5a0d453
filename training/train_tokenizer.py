"""Learns the WordPiece vocabulary and writes tokenizer.json + tokenizer_config.json.

    /usr/bin/python3 training/train_tokenizer.py --out training/build/tokenizer
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import texts
import wordpiece

# Citizens' requests are few next to the fiches; counting them several times keeps
# their spelling (SMS abbreviations, missing accents) from falling below the merge threshold.
CORPUS_WEIGHT = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=texts.BUILD_ROOT / "tokenizer")
    parser.add_argument("--corpus", type=Path, default=texts.CORPUS_ROOT)
    parser.add_argument("--vocab-size", type=int, default=12_000)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--min-frequency", type=int, default=2)
    args = parser.parse_args()

    started = time.time()
    counts = wordpiece.count_words(texts.fiche_documents())
    corpus_counts = wordpiece.count_words(texts.iter_corpus_texts(args.corpus))
    for word, count in corpus_counts.items():
        counts[word] += CORPUS_WEIGHT * count
    print(f"{len(counts)} distinct words ({time.time() - started:.1f}s)", flush=True)

    vocab = wordpiece.train_vocabulary(counts, args.vocab_size, min_frequency=args.min_frequency)
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "tokenizer.json", "w", encoding="utf-8") as handle:
        json.dump(wordpiece.tokenizer_json(vocab), handle, ensure_ascii=False, indent=1)
    with open(args.out / "tokenizer_config.json", "w", encoding="utf-8") as handle:
        json.dump(wordpiece.tokenizer_config(args.max_length), handle, ensure_ascii=False, indent=2)

    tokenizer = wordpiece.WordPieceTokenizer(vocab, args.max_length)
    sample = list(texts.iter_corpus_texts(args.corpus))[:2000]
    words = sum(len(wordpiece.words_of(text)) for text in sample)
    pieces = sum(len(tokenizer.tokenize(text)) for text in sample)
    unknown = sum(tokenizer.tokenize(text).count(wordpiece.UNK) for text in sample)
    print(
        f"vocabulary {len(vocab)} tokens; corpus sample: {pieces / max(words, 1):.2f} pieces per word, "
        f"{unknown} unknown; {time.time() - started:.1f}s -> {args.out}",
        flush=True,
    )


if __name__ == "__main__":
    main()
