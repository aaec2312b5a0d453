"""Exports the trained encoder to ONNX, quantizes it to int8 and writes the shipped model folder.

    /usr/bin/python3 training/export_onnx.py --trained training/build/model \
        --model-dir classifiers/transformer/model/aiguillage-fr-mini

Checks the fp32 and int8 graphs against PyTorch with onnxruntime-node (the runtime
transformers.js uses) and writes the reference the TypeScript tests compare against.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import onnx
import torch
from torch import nn

import texts
import wordpiece
from model import Encoder, EncoderConfig, mean_pool
from quantize_int8 import quantize_dynamic_int8

OPSET = 17
REFERENCE_PATH = texts.REPO_ROOT / "test" / "classifiers" / "fixtures" / "aiguillage-fr-mini-reference.json"
# Sentences that exercise the tokenizer's edge cases (accents, emoji, symbols, controls, literal
# special tokens, truncation) as well as ordinary requests.
REFERENCE_TEXTS = [
    "Bonjour, je voudrais une copie intégrale de mon acte de naissance SVP !!",
    "bjr jvoudrai 1 rdv pr ma CNI stp, c urgent",
    "Objet : Demande de permis de construire — extension (20 m²) à l’arrière.",
    "Le lampadaire rue Émile-Zola ne fonctionne plus depuis le 12/03… Merci 🙂",
    "Cœur, œuvre, ÇA, naïve, Noël, «guillemets» et 10€ ; test[CLS]ici [MASK] fin",
    "\ttabulation  et\u00a0espaces\u2009fines, zéro\u200blargeur\u0007cloche",
    "Mon voisin fait la fête tous les soirs jusqu'à 3h du matin, c'est insupportable.",
    "Inscription de ma fille à la cantine et au périscolaire pour la rentrée",
    "Procuration pour les élections municipales : comment faire ?",
    " ".join(["Très long message répété pour vérifier la troncature à la longueur maximale."] * 20),
]


class LastHiddenState(nn.Module):
    def __init__(self, encoder: Encoder) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.encoder(input_ids, attention_mask, token_type_ids)


def load_encoder(trained: Path) -> Encoder:
    with open(trained / "encoder_config.json", encoding="utf-8") as handle:
        config = EncoderConfig(**json.load(handle))
    encoder = Encoder(config)
    state = np.load(trained / "encoder.npz")
    encoder.load_state_dict({name: torch.from_numpy(state[name].astype(np.float32)) for name in state.files})
    return encoder.eval()


def export(encoder: Encoder, path: Path) -> None:
    ids = torch.tensor([[2, 10, 11, 12, 3], [2, 13, 3, 0, 0]])
    mask = (ids != 0).long()
    dynamic = {0: "batch", 1: "sequence"}
    torch.onnx.export(
        LastHiddenState(encoder).eval(),
        (ids, mask, torch.zeros_like(ids)),
        str(path),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={"input_ids": dynamic, "attention_mask": dynamic, "token_type_ids": dynamic, "last_hidden_state": dynamic},
        opset_version=OPSET,
        do_constant_folding=True,
    )


def padded(encoded: list[list[int]], pad_id: int) -> tuple[np.ndarray, np.ndarray]:
    length = max(len(ids) for ids in encoded)
    ids = np.full((len(encoded), length), pad_id, dtype=np.int64)
    for row, sequence in enumerate(encoded):
        ids[row, : len(sequence)] = sequence
    return ids, (ids != pad_id).astype(np.int64)


def run_onnx(models: list[Path], ids: np.ndarray, mask: np.ndarray) -> dict[str, np.ndarray]:
    inputs = {
        name: {"data": array.reshape(-1).tolist(), "dims": list(array.shape)}
        for name, array in (("input_ids", ids), ("attention_mask", mask), ("token_type_ids", np.zeros_like(ids)))
    }
    completed = subprocess.run(
        ["node", str(Path(__file__).with_name("onnx_outputs.mjs"))],
        input=json.dumps({"models": [str(model) for model in models], "inputs": inputs}),
        capture_output=True,
        text=True,
        check=True,
        cwd=texts.REPO_ROOT,
    )
    outputs = json.loads(completed.stdout)
    return {path: np.array(output["data"], dtype=np.float32).reshape(output["dims"]) for path, output in outputs.items()}


def pooled(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    return mean_pool(torch.from_numpy(hidden), torch.from_numpy(mask)).numpy()


def cosine(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return (left * right).sum(axis=1) / (np.linalg.norm(left, axis=1) * np.linalg.norm(right, axis=1))


def hf_config(config: EncoderConfig, vocab: dict[str, int]) -> dict:
    """transformers.js reads model_type to pick its BertModel wrapper; the graph itself is ours (pre-LN)."""
    return {
        "model_type": "bert",
        "architectures": ["BertModel"],
        "vocab_size": config.vocab_size,
        "hidden_size": config.hidden_size,
        "num_hidden_layers": config.num_hidden_layers,
        "num_attention_heads": config.num_attention_heads,
        "intermediate_size": config.intermediate_size,
        "max_position_embeddings": config.max_position_embeddings,
        "type_vocab_size": config.type_vocab_size,
        "layer_norm_eps": config.layer_norm_eps,
        "hidden_act": "gelu",
        "pad_token_id": vocab[wordpiece.PAD],
        "transformers.js_config": {"dtype": "q8"},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trained", type=Path, default=texts.BUILD_ROOT / "model")
    parser.add_argument("--model-dir", type=Path, required=True)
    parser.add_argument("--reference", type=Path, default=REFERENCE_PATH)
    args = parser.parse_args()

    encoder = load_encoder(args.trained)
    onnx_dir = args.model_dir / "onnx"
    onnx_dir.mkdir(parents=True, exist_ok=True)
    full_precision = texts.BUILD_ROOT / "model.onnx"
    full_precision.parent.mkdir(parents=True, exist_ok=True)
    export(encoder, full_precision)
    quantized_path = onnx_dir / "model_quantized.onnx"
    onnx.save(quantize_dynamic_int8(onnx.load(str(full_precision))), str(quantized_path))

    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(args.trained / name, args.model_dir / name)
    tokenizer = wordpiece.WordPieceTokenizer.from_file(str(args.trained / "tokenizer.json"), encoder.config.max_position_embeddings)
    with open(args.model_dir / "config.json", "w", encoding="utf-8") as handle:
        json.dump(hf_config(encoder.config, tokenizer.vocab), handle, indent=2)

    encoded = [tokenizer.encode(text) for text in REFERENCE_TEXTS]
    ids, mask = padded(encoded, tokenizer.pad_id)
    with torch.no_grad():
        reference = encoder(torch.from_numpy(ids), torch.from_numpy(mask), torch.zeros_like(torch.from_numpy(ids))).numpy()
    outputs = run_onnx([full_precision, quantized_path], ids, mask)
    reference_pooled = pooled(reference, mask)
    for path, hidden in outputs.items():
        similarity = cosine(pooled(hidden, mask), reference_pooled)
        print(
            f"{Path(path).name}: max |Δ last_hidden_state| {np.abs(hidden - reference)[mask.astype(bool)].max():.5f}, "
            f"pooled cosine min {similarity.min():.5f} mean {similarity.mean():.5f}"
        )
    fp32_error = np.abs(outputs[str(full_precision)] - reference)[mask.astype(bool)].max()
    int8_cosine = cosine(pooled(outputs[str(quantized_path)], mask), reference_pooled).min()
    if fp32_error > 1e-3 or int8_cosine < 0.98:
        raise SystemExit(f"ONNX outputs drift from PyTorch (fp32 max error {fp32_error}, int8 cosine {int8_cosine})")

    args.reference.parent.mkdir(parents=True, exist_ok=True)
    with open(args.reference, "w", encoding="utf-8") as handle:
        json.dump(
            {
                "model": args.model_dir.name,
                "texts": REFERENCE_TEXTS,
                "input_ids": encoded,
                "pooled_embeddings": np.round(reference_pooled, 5).tolist(),
            },
            handle,
            ensure_ascii=False,
        )
    sizes = {str(path.relative_to(args.model_dir)): path.stat().st_size for path in sorted(args.model_dir.rglob("*")) if path.is_file()}
    print(json.dumps({"files": sizes, "total_mb": round(sum(sizes.values()) / 1e6, 2)}, indent=1))


if __name__ == "__main__":
    main()
