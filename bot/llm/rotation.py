"""Turn a Llama-shaped model's weights by orthogonal matrices so that int8 activations lose less (QuaRot-style).

Per-token int8 activations lose most where a few channels carry far larger values than the rest: the row's
one scale is set by those outliers and the other channels keep only a few levels. Turning the activations by
an orthogonal matrix spreads the outliers over all channels, and turning the weights the same way keeps every
product as it was. Three turns, none of which changes the float model's output (checked before use):

- the residual stream, by one random orthogonal Q (hidden × hidden): every RMSNorm's weight is folded into
  the layers it feeds, so the norms only divide by the row's length, which Q keeps; the embedding rows, the
  layers reading the stream (q, k, v, gate, up, the output layer) and those writing to it (o, down) absorb Q;
- each attention head's values by R (head_dim²), undone inside o_proj's weights, for o_proj's input;
- down_proj's input block by block (DOWN_BLOCK² matrices): it follows an element-wise product, so nothing can
  absorb the turn; RowwiseInt8Linear applies it to each row before quantizing (bot/llm/quantized.py).

On SmolLM2-135M this raised the int8 model's agreement with the float model's next-token choice, teacher-forced
over cnndm-dev text, from 86.9% to 93.6% (`benchmarks/int8_agreement.py`; benchmarks/README.md, issue 12). A
model of another shape is quantized without turns.
"""

from __future__ import annotations

import math

import torch

DOWN_BLOCK = 128  # down_proj's input is turned in blocks this wide: 128 measured best of 64, 128, 256, 1536
SEED = 20261202  # the random turns are the same on every machine: a model's int8 cache never depends on luck


def random_orthogonal(size: int, seed: int) -> torch.Tensor:
    """A size × size orthogonal matrix (float64), the same for the same seed everywhere."""
    generator = torch.Generator().manual_seed(seed)
    q, r = torch.linalg.qr(torch.randn(size, size, generator=generator, dtype=torch.float64))
    return q * torch.sign(torch.diagonal(r))[None, :]


def llama_shaped(model: torch.nn.Module) -> bool:
    """Whether `model` has the pieces the turns need: RMSNorm-fed attention and gated MLP blocks, no biases
    on the layers that write to the residual stream."""
    inner = getattr(model, "model", None)
    layers = getattr(inner, "layers", None)
    if inner is None or not layers or getattr(model, "lm_head", None) is None:
        return False
    if getattr(model.lm_head, "bias", None) is not None or not hasattr(inner, "norm"):
        return False
    for layer in layers:
        attention, mlp = getattr(layer, "self_attn", None), getattr(layer, "mlp", None)
        needed = [getattr(attention, n, None) for n in ("q_proj", "k_proj", "v_proj", "o_proj")]
        needed += [getattr(mlp, n, None) for n in ("gate_proj", "up_proj", "down_proj")]
        if any(type(p) is not torch.nn.Linear for p in needed):
            return False
        if attention.o_proj.bias is not None or mlp.down_proj.bias is not None:
            return False
        norms = (getattr(layer, "input_layernorm", None), getattr(layer, "post_attention_layernorm", None))
        if any(n is None or "RMSNorm" not in type(n).__name__ or getattr(n, "bias", None) is not None for n in norms):
            return False
    return "RMSNorm" in type(inner.norm).__name__


@torch.no_grad()
def rotate_model(model: torch.nn.Module, seed: int = SEED) -> None:
    """Apply the residual and per-head turns in place (float weights). The output layer is untied from the
    embedding. Call `llama_shaped` first."""
    inner, config = model.model, model.config
    q = random_orthogonal(config.hidden_size, seed)
    head_dim = getattr(config, "head_dim", None) or config.hidden_size // config.num_attention_heads
    r = random_orthogonal(head_dim, seed + 1)
    embedding = inner.embed_tokens.weight.double()
    output = model.lm_head.weight.double() * inner.norm.weight.double()[None, :]
    model.lm_head.weight = torch.nn.Parameter((output @ q).float(), requires_grad=False)
    inner.embed_tokens.weight = torch.nn.Parameter((embedding @ q).float(), requires_grad=False)
    config.tie_word_embeddings = False
    inner.norm.weight.fill_(1.0)
    for layer in inner.layers:
        attention, mlp = layer.self_attn, layer.mlp
        for linear, norm in (
            (attention.q_proj, layer.input_layernorm),
            (attention.k_proj, layer.input_layernorm),
            (attention.v_proj, layer.input_layernorm),
            (mlp.gate_proj, layer.post_attention_layernorm),
            (mlp.up_proj, layer.post_attention_layernorm),
        ):
            linear.weight.copy_(((linear.weight.double() * norm.weight.double()[None, :]) @ q).float())
        layer.input_layernorm.weight.fill_(1.0)
        layer.post_attention_layernorm.weight.fill_(1.0)
        _turn_values(attention.v_proj, attention.o_proj, r)
        for linear in (attention.o_proj, mlp.down_proj):
            linear.weight.copy_((q.t() @ linear.weight.double()).float())


def _turn_values(v_proj: torch.nn.Linear, o_proj: torch.nn.Linear, r: torch.Tensor) -> None:
    """Each head's values turned by r (v_proj's rows), turned back in o_proj's columns of every head reading
    them: attention mixes value vectors linearly, so the heads' outputs come out turned by r too."""
    block = r.shape[0]
    v = v_proj.weight.double().reshape(-1, block, v_proj.in_features)  # (kv heads, head_dim, hidden)
    v_proj.weight.copy_(torch.einsum("ji,hjk->hik", r, v).reshape_as(v_proj.weight).float())
    if v_proj.bias is not None:
        v_proj.bias.copy_((v_proj.bias.double().reshape(-1, block) @ r).reshape(-1).float())
    o = o_proj.weight.double().reshape(o_proj.out_features, -1, block)  # (hidden, heads, head_dim)
    o_proj.weight.copy_((o @ r).reshape_as(o_proj.weight).float())


def down_rotation(in_features: int = DOWN_BLOCK, seed: int = SEED) -> torch.Tensor | None:
    """The block turn of down_proj's input (float64): blocks of DOWN_BLOCK, or of the largest width that
    divides both; None where that is under 8 (nothing worth spreading over)."""
    block = math.gcd(DOWN_BLOCK, in_features)
    return random_orthogonal(block, seed + 2) if block >= 8 else None
