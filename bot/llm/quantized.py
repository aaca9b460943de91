"""int8 Linear layers whose every output row depends only on its own input row (`model.quantize: int8`).

A decode step of a small model on the CPU is bound by reading the weights: SmolLM2-135M's float32 Linear
layers are about 540 MB, read once per forward pass. Stored as int8 (one scale per output channel) they are a
quarter of that, and the multiply runs in integers (`torch._int_mm`, exact int32 sums).

Each input row (one token of one sequence) is quantized with its own scale, its largest magnitude / 127.
torch's `quantize_dynamic` uses one scale for the whole input tensor instead, so there a position's wording
depended on which other expert's prompt shared its batch. Here a Linear layer's row is exact whatever is fed
beside it. (Copy-aware drafting stays off under int8 all the same: see Engine._draft_tokens.)

A layer may also turn its input by a small orthogonal matrix, block by block, before quantizing it (and hold
its weights turned the same way, so the product is unchanged): outlier channels are then spread over the
block and the row's scale fits all of it. bot/llm/rotation.py prepares a model that way.
"""

from __future__ import annotations

import torch

from bot.llm.cpu import CPUINFO, read_cpuinfo

CHUNK_ROWS = 4096  # output channels quantized at a time


class RowwiseInt8Linear(torch.nn.Module):
    """y = x W^T + b with W stored as int8 per output channel and each row of x quantized on the fly."""

    def __init__(self, linear: torch.nn.Linear, rotation: torch.Tensor | None = None) -> None:
        """From a float layer; with `rotation` (block x block, orthogonal), its input is turned block by block
        before it is quantized, and its weights are turned the same way here."""
        super().__init__()
        self._allocate(linear.in_features, linear.out_features, linear.bias is not None, rotation)
        weight = linear.weight.detach()
        if rotation is not None:
            block = rotation.shape[0]
            weight = (weight.double().reshape(self.out_features, -1, block) @ rotation.double()).reshape(
                self.out_features, self.in_features
            )
        self._quantize(weight)
        if linear.bias is not None:
            self.bias.copy_(linear.bias.detach().float())

    @classmethod
    def shell(cls, in_features: int, out_features: int, bias: bool, rotation_block: int = 0) -> RowwiseInt8Linear:
        """An unfilled layer of that shape, for loading saved int8 weights into (Module.load_state_dict)."""
        layer = cls.__new__(cls)
        torch.nn.Module.__init__(layer)
        rotation = torch.empty(rotation_block, rotation_block) if rotation_block else None
        layer._allocate(in_features, out_features, bias, rotation)
        return layer

    def _allocate(self, in_features: int, out_features: int, bias: bool, rotation: torch.Tensor | None) -> None:
        self.in_features, self.out_features = in_features, out_features
        # (in, out), contiguous: the layout torch._int_mm reads fastest as its second operand
        self.register_buffer("weight_int8", torch.empty(in_features, out_features, dtype=torch.int8))
        self.register_buffer("weight_scale", torch.empty(out_features))
        if rotation is not None:
            if rotation.shape[0] != rotation.shape[1] or in_features % rotation.shape[0]:
                raise ValueError(f"a {tuple(rotation.shape)} rotation does not tile {in_features} inputs")
            self.register_buffer("input_rotation", rotation.detach().float().clone())
        else:
            self.input_rotation = None
        self.bias = torch.nn.Parameter(torch.empty(out_features), False) if bias else None

    def _quantize(self, weight: torch.Tensor) -> None:
        scale, quantized = self.weight_scale, self.weight_int8
        for start in range(0, self.out_features, CHUNK_ROWS):  # in chunks: no float copy of a 100 MB layer
            rows = weight[start : start + CHUNK_ROWS].float()
            scale[start : start + len(rows)] = rows.abs().amax(dim=1).clamp(min=1e-12) / 127.0
            quantized[:, start : start + len(rows)] = torch.round(rows / scale[start : start + len(rows), None]).t()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shape = x.shape
        rows = x.reshape(-1, self.in_features).float()
        if self.input_rotation is not None:
            block = self.input_rotation.shape[0]
            rows = (rows.reshape(len(rows), -1, block) @ self.input_rotation).reshape(len(rows), self.in_features)
        row_scale = rows.abs().amax(dim=1, keepdim=True).clamp_(min=1e-12).div_(127.0)
        quantized = torch.round(rows / row_scale).to(torch.int8)
        out = torch._int_mm(quantized, self.weight_int8).float().mul_(row_scale * self.weight_scale)
        if self.bias is not None:
            out.add_(self.bias)
        return out.reshape(*shape[:-1], self.out_features)

    def extra_repr(self) -> str:
        turned = "" if self.input_rotation is None else f", rotation_block={self.input_rotation.shape[0]}"
        return f"in_features={self.in_features}, out_features={self.out_features}, bias={self.bias is not None}{turned}"


def supported() -> bool:
    """Whether this torch can multiply int8 matrices on the CPU (torch._int_mm, torch 2.2 and later)."""
    if not hasattr(torch, "_int_mm"):
        return False
    try:
        torch._int_mm(torch.ones(1, 8, dtype=torch.int8), torch.ones(8, 8, dtype=torch.int8))
    except RuntimeError:
        return False
    return True


INT8_DOT_FLAGS = ("avx512_vnni", "avx_vnni", "amx_int8", "asimddp")  # CPU features torch._int_mm runs fast on


def fast_on_this_cpu(cpuinfo: str = CPUINFO) -> bool | None:
    """Whether this CPU has an int8 dot-product instruction. Without one (an AVX2-only AMD EPYC, say) torch's
    int8 matrix multiply fell back to a kernel over 100x slower than float32 (benchmarks/README.md, "Issue 12
    on an AVX2-only AMD EPYC"). None when the CPU's features cannot be read."""
    _, flags = read_cpuinfo(cpuinfo)
    return None if flags is None else any(flag in flags for flag in INT8_DOT_FLAGS)


def quantize_linears(model: torch.nn.Module) -> int:
    """Replace every torch.nn.Linear inside `model` by a RowwiseInt8Linear, in place; returns how many."""
    replaced = 0
    for module in list(model.modules()):
        for name, child in list(module.named_children()):
            if type(child) is torch.nn.Linear:
                setattr(module, name, RowwiseInt8Linear(child))
                replaced += 1
    return replaced
