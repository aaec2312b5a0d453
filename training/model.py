"""A compact BERT-like encoder in plain PyTorch, with the heads used while training it."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
from torch import nn
from torch.nn import functional as F


@dataclass(frozen=True)
class EncoderConfig:
    vocab_size: int
    hidden_size: int = 256
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    intermediate_size: int = 1024
    max_position_embeddings: int = 128
    type_vocab_size: int = 2
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    layer_norm_eps: float = 1e-12

    def to_dict(self) -> dict:
        return asdict(self)


class SelfAttention(nn.Module):
    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.heads = config.num_attention_heads
        self.head_size = config.hidden_size // config.num_attention_heads
        self.query = nn.Linear(config.hidden_size, config.hidden_size)
        self.key = nn.Linear(config.hidden_size, config.hidden_size)
        self.value = nn.Linear(config.hidden_size, config.hidden_size)
        self.output = nn.Linear(config.hidden_size, config.hidden_size)
        self.dropout = nn.Dropout(config.attention_probs_dropout_prob)

    def _split(self, states: torch.Tensor) -> torch.Tensor:
        batch, length, _ = states.shape
        return states.view(batch, length, self.heads, self.head_size).transpose(1, 2)

    def forward(self, states: torch.Tensor, mask_bias: torch.Tensor) -> torch.Tensor:
        query, key, value = self._split(self.query(states)), self._split(self.key(states)), self._split(self.value(states))
        scores = torch.matmul(query, key.transpose(-1, -2)) / math.sqrt(self.head_size) + mask_bias
        context = torch.matmul(self.dropout(scores.softmax(dim=-1)), value)
        batch, _, length, _ = context.shape
        return self.output(context.transpose(1, 2).reshape(batch, length, self.heads * self.head_size))


class EncoderLayer(nn.Module):
    """Pre-LayerNorm block: trains stably from scratch with few steps, unlike the original post-LN BERT."""

    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.attention_norm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.attention = SelfAttention(config)
        self.feed_forward_norm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.intermediate = nn.Linear(config.hidden_size, config.intermediate_size)
        self.output = nn.Linear(config.intermediate_size, config.hidden_size)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)

    def forward(self, states: torch.Tensor, mask_bias: torch.Tensor) -> torch.Tensor:
        states = states + self.dropout(self.attention(self.attention_norm(states), mask_bias))
        feed_forward = self.output(F.gelu(self.intermediate(self.feed_forward_norm(states))))
        return states + self.dropout(feed_forward)


class Encoder(nn.Module):
    """input_ids, attention_mask, token_type_ids -> last_hidden_state, the contract transformers.js expects."""

    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.config = config
        self.word_embeddings = nn.Embedding(config.vocab_size, config.hidden_size)
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, config.hidden_size)
        self.token_type_embeddings = nn.Embedding(config.type_vocab_size, config.hidden_size)
        self.embeddings_norm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)
        self.layers = nn.ModuleList(EncoderLayer(config) for _ in range(config.num_hidden_layers))
        self.final_norm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.apply(_initialise)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        states = self.word_embeddings(input_ids) + self.position_embeddings(positions)
        states = self.dropout(self.embeddings_norm(states + self.token_type_embeddings(token_type_ids)))
        # -1e4 rather than -inf keeps fully padded rows finite in fp16 and in ONNX.
        mask_bias = (1.0 - attention_mask[:, None, None, :].to(states.dtype)) * -10000.0
        for layer in self.layers:
            states = layer(states, mask_bias)
        return self.final_norm(states)


def mean_pool(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Average over real tokens; the runtime pools last_hidden_state the same way."""
    weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)


class MaskedLanguageModelHead(nn.Module):
    def __init__(self, encoder: Encoder) -> None:
        super().__init__()
        hidden = encoder.config.hidden_size
        self.transform = nn.Linear(hidden, hidden)
        self.norm = nn.LayerNorm(hidden, eps=encoder.config.layer_norm_eps)
        self.decoder_weight = encoder.word_embeddings.weight
        self.decoder_bias = nn.Parameter(torch.zeros(encoder.config.vocab_size))

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return F.linear(self.norm(F.gelu(self.transform(hidden))), self.decoder_weight, self.decoder_bias)


class IntentClassifier(nn.Module):
    """Encoder + mean pooling + linear layer: the shape of the runtime's softmax head."""

    def __init__(self, encoder: Encoder, num_labels: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(encoder.config.hidden_size, num_labels)

    def embed(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids, attention_mask, torch.zeros_like(input_ids))
        return mean_pool(hidden, attention_mask)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.dropout(self.embed(input_ids, attention_mask)))


def _initialise(module: nn.Module) -> None:
    if isinstance(module, nn.Linear):
        nn.init.normal_(module.weight, std=0.02)
        nn.init.zeros_(module.bias)
    elif isinstance(module, nn.Embedding):
        nn.init.normal_(module.weight, std=0.02)
    elif isinstance(module, nn.LayerNorm):
        nn.init.ones_(module.weight)
        nn.init.zeros_(module.bias)
