"""Pre-trains the encoder (masked language model) then fine-tunes it on intent classification.

    /usr/bin/python3 training/train_model.py --preset tiny    # CPU smoke run, a few minutes
    python3 training/train_model.py --preset full             # CUDA, see training/README.md

Reads the train split (fine-tuning, pre-training text) and the validation split (early
stopping, temperature calibration); never the test split. Writes encoder.npz,
encoder_config.json, the tokenizer files and training_report.json to --out.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import math
import random
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import accuracy_score, f1_score
from torch.nn import functional as F

import texts
import wordpiece
from augmentation import sms_noise
from model import Encoder, EncoderConfig, IntentClassifier, MaskedLanguageModelHead
from pretraining_data import pretraining_sequences


@dataclass(frozen=True)
class Preset:
    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    max_length: int
    fiche_fraction: float
    mlm_steps: int
    mlm_seconds: float
    mlm_batch: int
    mlm_learning_rate: float
    finetune_epochs: int
    finetune_batch: int
    finetune_learning_rate: float
    patience: int
    finetune_examples: int | None = None


PRESETS = {
    # Smoke run on a shared 2-core CPU: checks the pipeline end to end, not the accuracy.
    "tiny": Preset(128, 2, 2, 512, 64, 0.05, 100, 60, 32, 1e-3, 4, 32, 1e-3, 2, finetune_examples=1200),
    "cpu": Preset(256, 4, 4, 1024, 128, 1.0, 3000, 900, 64, 6e-4, 12, 32, 2e-4, 3),
    "full": Preset(256, 4, 4, 1024, 128, 1.0, 15000, 240, 256, 6e-4, 30, 32, 2e-4, 5),
}


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def pad_batch(sequences: list[list[int]], pad_id: int, device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    length = max(len(sequence) for sequence in sequences)
    ids = torch.full((len(sequences), length), pad_id, dtype=torch.long)
    for row, sequence in enumerate(sequences):
        ids[row, : len(sequence)] = torch.tensor(sequence, dtype=torch.long)
    return ids.to(device), (ids != pad_id).long().to(device)


def autocast(device: torch.device):
    """bf16 on CUDA; plain fp32 on CPU, where autocast would only slow the small matrices down."""
    if device.type == "cuda":
        return torch.autocast(device_type="cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def mask_tokens(ids: torch.Tensor, tokenizer: wordpiece.WordPieceTokenizer, vocab_size: int, generator: torch.Generator):
    """BERT masking: 15% of real tokens predicted; of those 80% [MASK], 10% random, 10% kept."""
    probability = torch.full(ids.shape, 0.15, device=ids.device)
    probability[ids < len(wordpiece.SPECIAL_TOKENS)] = 0.0
    chosen = torch.bernoulli(probability, generator=generator).bool()
    labels = torch.where(chosen, ids, torch.full_like(ids, -100))
    replaced = chosen & torch.bernoulli(torch.full(ids.shape, 0.8, device=ids.device), generator=generator).bool()
    randomised = chosen & ~replaced & torch.bernoulli(torch.full(ids.shape, 0.5, device=ids.device), generator=generator).bool()
    random_ids = torch.randint(len(wordpiece.SPECIAL_TOKENS), vocab_size, ids.shape, device=ids.device, generator=generator)
    masked = torch.where(replaced, torch.full_like(ids, tokenizer.mask_id), ids)
    return torch.where(randomised, random_ids, masked), labels


def learning_rate_factor(progress: float, warmup: float = 0.06) -> float:
    if progress < warmup:
        return progress / warmup
    return max(0.0, 0.5 * (1 + math.cos(math.pi * (progress - warmup) / (1 - warmup))))


def pretrain(encoder: Encoder, sequences: list[list[int]], tokenizer, preset: Preset, device, seed: int) -> dict:
    head = MaskedLanguageModelHead(encoder).to(device)
    parameters = list({id(p): p for p in list(encoder.parameters()) + list(head.parameters())}.values())
    optimizer = torch.optim.AdamW(parameters, lr=preset.mlm_learning_rate, weight_decay=0.01, betas=(0.9, 0.98))
    generator = torch.Generator(device=device).manual_seed(seed)
    order = random.Random(seed)
    encoder.train()
    started, step, losses, progress = time.time(), 0, [], 0.0
    while progress < 1.0:
        batch = order.sample(sequences, min(preset.mlm_batch, len(sequences)))
        ids, attention = pad_batch(batch, tokenizer.pad_id, device)
        inputs, labels = mask_tokens(ids, tokenizer, encoder.config.vocab_size, generator)
        for group in optimizer.param_groups:
            group["lr"] = preset.mlm_learning_rate * learning_rate_factor(progress)
        with autocast(device):
            hidden = encoder(inputs, attention, torch.zeros_like(inputs))
            selected = labels != -100
            logits = head(hidden[selected])
            loss = F.cross_entropy(logits.float(), labels[selected])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(parameters, 1.0)
        optimizer.step()
        losses.append(loss.item())
        step += 1
        progress = max(step / preset.mlm_steps, (time.time() - started) / preset.mlm_seconds)
        if step % 200 == 0 or progress >= 1.0:
            print(f"mlm step {step} loss {np.mean(losses[-200:]):.3f} ({time.time() - started:.0f}s)", flush=True)
    return {"steps": step, "seconds": round(time.time() - started, 1), "final_loss": float(np.mean(losses[-200:]))}


@torch.no_grad()
def predict_logits(classifier: IntentClassifier, encoded: list[list[int]], pad_id: int, device, batch: int = 128):
    classifier.eval()
    outputs = []
    for start in range(0, len(encoded), batch):
        ids, attention = pad_batch(encoded[start : start + batch], pad_id, device)
        with autocast(device):
            outputs.append(classifier(ids, attention).float().cpu())
    return torch.cat(outputs)


def fit_temperature(logits: torch.Tensor, labels: torch.Tensor) -> float:
    """The temperature minimising validation negative log-likelihood (grid in log space: robust, no tuning)."""
    grid = torch.exp(torch.linspace(math.log(0.05), math.log(20.0), 400))
    losses = torch.stack([F.cross_entropy(logits / temperature, labels) for temperature in grid])
    return float(grid[int(losses.argmin())])


def expected_calibration_error(probabilities: torch.Tensor, labels: torch.Tensor, bins: int = 10) -> float:
    confidence, predicted = probabilities.max(dim=1)
    correct = (predicted == labels).float()
    error = 0.0
    for low in range(bins):
        inside = (confidence > low / bins) & (confidence <= (low + 1) / bins)
        if inside.any():
            error += inside.float().mean().item() * abs(confidence[inside].mean().item() - correct[inside].mean().item())
    return error


def evaluate(logits: torch.Tensor, labels: torch.Tensor, intent_queue: np.ndarray, temperature: float = 1.0) -> dict:
    probabilities = (logits / temperature).softmax(dim=1)
    predicted = probabilities.argmax(dim=1).numpy()
    truth = labels.numpy()
    queue_count = int(intent_queue.max()) + 1
    queue_probabilities = np.zeros((len(truth), queue_count))
    for queue in range(queue_count):
        queue_probabilities[:, queue] = probabilities.numpy()[:, intent_queue == queue].sum(axis=1)
    return {
        "intent_accuracy": float(accuracy_score(truth, predicted)),
        "intent_macro_f1": float(f1_score(truth, predicted, average="macro", labels=np.unique(truth))),
        "queue_accuracy": float(accuracy_score(intent_queue[truth], queue_probabilities.argmax(axis=1))),
        "nll": float(F.cross_entropy(logits / temperature, labels)),
        "ece": expected_calibration_error(probabilities, labels),
    }


def finetune(classifier: IntentClassifier, train, validation, tokenizer, preset: Preset, device, seed, intent_queue):
    train_texts, train_labels = train
    validation_encoded = [tokenizer.encode(text) for text in validation[0]]
    validation_labels = torch.tensor(validation[1])
    encoder_parameters = list(classifier.encoder.parameters())
    optimizer = torch.optim.AdamW(
        [
            {"params": encoder_parameters, "lr": preset.finetune_learning_rate},
            {"params": classifier.classifier.parameters(), "lr": preset.finetune_learning_rate * 10},
        ],
        weight_decay=0.01,
    )
    base_rates = [group["lr"] for group in optimizer.param_groups]
    steps_per_epoch = math.ceil(len(train_texts) / preset.finetune_batch)
    total_steps = steps_per_epoch * preset.finetune_epochs
    noise = random.Random(seed)
    best, best_state, history, waited, step = None, None, [], 0, 0
    for epoch in range(preset.finetune_epochs):
        classifier.train()
        order = list(range(len(train_texts)))
        noise.shuffle(order)
        for start in range(0, len(order), preset.finetune_batch):
            chosen = order[start : start + preset.finetune_batch]
            ids, attention = pad_batch([tokenizer.encode(sms_noise(train_texts[i], noise)) for i in chosen], tokenizer.pad_id, device)
            labels = torch.tensor([train_labels[i] for i in chosen], device=device)
            for group, rate in zip(optimizer.param_groups, base_rates):
                group["lr"] = rate * learning_rate_factor(step / total_steps, warmup=0.1)
            with autocast(device):
                loss = F.cross_entropy(classifier(ids, attention).float(), labels, label_smoothing=0.05)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(classifier.parameters(), 1.0)
            optimizer.step()
            step += 1
        metrics = evaluate(predict_logits(classifier, validation_encoded, tokenizer.pad_id, device), validation_labels, intent_queue)
        history.append({"epoch": epoch + 1, **{key: round(value, 4) for key, value in metrics.items()}})
        print(f"epoch {epoch + 1}: validation {history[-1]}", flush=True)
        score = (metrics["intent_macro_f1"], -metrics["nll"])
        if best is None or score > best:
            best, best_state, waited = score, copy.deepcopy(classifier.state_dict()), 0
        else:
            waited += 1
            if waited >= preset.patience:
                break
    classifier.load_state_dict(best_state)
    return history


def labelled(split: str, corpus: Path, labels: list[str], limit: int | None, seed: int) -> tuple[list[str], list[int]]:
    index = {label: position for position, label in enumerate(labels)}
    records = texts.read_split(split, corpus)
    if limit is not None and len(records) > limit:
        records = random.Random(seed).sample(records, limit)
    return [texts.training_text(record) for record in records], [index[record["intent"]] for record in records]


def intent_queue_index() -> tuple[list[str], np.ndarray]:
    with open(texts.TAXONOMY_PATH, encoding="utf-8") as handle:
        taxonomy = json.load(handle)
    pairs = [(intent["id"], position) for position, queue in enumerate(taxonomy["queues"]) for intent in queue["intents"]]
    return [intent for intent, _ in pairs], np.array([queue for _, queue in pairs])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--preset", choices=sorted(PRESETS), default="tiny")
    parser.add_argument("--tokenizer", type=Path, default=texts.BUILD_ROOT / "tokenizer")
    parser.add_argument("--corpus", type=Path, default=texts.CORPUS_ROOT)
    parser.add_argument("--out", type=Path, default=texts.BUILD_ROOT / "model")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--mlm-seconds", type=float, help="override the preset's pre-training time cap")
    parser.add_argument("--mlm-steps", type=int, help="override the preset's pre-training step cap")
    args = parser.parse_args()

    preset = PRESETS[args.preset]
    if args.mlm_seconds is not None:
        preset = replace(preset, mlm_seconds=args.mlm_seconds)
    if args.mlm_steps is not None:
        preset = replace(preset, mlm_steps=args.mlm_steps)
    seed_everything(args.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    started = time.time()
    tokenizer_path = args.tokenizer / "tokenizer.json"
    tokenizer = wordpiece.WordPieceTokenizer.from_file(str(tokenizer_path), preset.max_length)
    labels, intent_queue = intent_queue_index()
    train = labelled("train", args.corpus, labels, preset.finetune_examples, args.seed)
    validation = labelled("validation", args.corpus, labels, preset.finetune_examples, args.seed)

    config = EncoderConfig(
        vocab_size=len(tokenizer.vocab),
        hidden_size=preset.hidden_size,
        num_hidden_layers=preset.num_hidden_layers,
        num_attention_heads=preset.num_attention_heads,
        intermediate_size=preset.intermediate_size,
        max_position_embeddings=preset.max_length,
    )
    encoder = Encoder(config).to(device)
    sequences = pretraining_sequences(tokenizer_path, tokenizer, train[0], preset.fiche_fraction, args.seed)
    print(f"{device}: {sum(p.numel() for p in encoder.parameters()) / 1e6:.2f}M parameters, {len(sequences)} pre-training sequences", flush=True)
    pretraining = pretrain(encoder, sequences, tokenizer, preset, device, args.seed)

    classifier = IntentClassifier(encoder, len(labels)).to(device)
    history = finetune(classifier, train, validation, tokenizer, preset, device, args.seed, intent_queue)
    validation_logits = predict_logits(classifier, [tokenizer.encode(t) for t in validation[0]], tokenizer.pad_id, device)
    validation_labels = torch.tensor(validation[1])
    temperature = fit_temperature(validation_logits, validation_labels)

    args.out.mkdir(parents=True, exist_ok=True)
    # float16 halves the file (it must come back from the GPU machine under 16 MB); int8 is what ships anyway.
    state = {name: tensor.detach().cpu().half().numpy() for name, tensor in encoder.state_dict().items()}
    np.savez(args.out / "encoder.npz", **state)
    with open(args.out / "encoder_config.json", "w", encoding="utf-8") as handle:
        json.dump(config.to_dict(), handle, indent=2)
    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(args.tokenizer / name, args.out / name)
    with open(args.out / "tokenizer_config.json", "r+", encoding="utf-8") as handle:
        tokenizer_settings = json.load(handle)
        tokenizer_settings["model_max_length"] = preset.max_length
        handle.seek(0)
        json.dump(tokenizer_settings, handle, indent=2)
        handle.truncate()
    report = {
        "preset": args.preset,
        "settings": preset.__dict__,
        "seed": args.seed,
        "device": torch.cuda.get_device_name() if device.type == "cuda" else "cpu",
        "torch": torch.__version__,
        "parameters": sum(p.numel() for p in encoder.parameters()),
        "train_requests": len(train[0]),
        "validation_requests": len(validation[0]),
        "pretraining_sequences": len(sequences),
        "pretraining": pretraining,
        "finetuning": history,
        "temperature": temperature,
        "validation_uncalibrated": evaluate(validation_logits, validation_labels, intent_queue),
        "validation_calibrated": evaluate(validation_logits, validation_labels, intent_queue, temperature),
        "seconds": round(time.time() - started, 1),
    }
    with open(args.out / "training_report.json", "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    print(json.dumps({key: report[key] for key in ("temperature", "validation_calibrated", "seconds")}), flush=True)


if __name__ == "__main__":
    main()
