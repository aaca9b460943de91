"""Float Linear layers run by oneDNN on weights packed once (`model.linear_kernel`).

torch multiplies float32 Linear layers with MKL. On AMD processors MKL takes slow code paths: on an AMD EPYC
Zen 5 the 49,152 × 576 output layer takes 26-30 ms for the 3 rows of a decode step, where oneDNN (also in every
x86 build of torch) takes 2.5 ms on weights reordered once into its own layout; the decoder's layers gain 2-4×
(benchmarks/README.md, "oneDNN for the float layers"). The arithmetic stays float32: only the order of the sums
differs, by about 1e-6. Each output row depends on its own input row alone, whatever the batch around it, so
drafting's verification passes score a row exactly as a one-row pass would.

The packed weights replace the originals; the originals' pages read from the model file are handed back to the
system (bot/llm/file_pages.py), so the process holds the weights once. A tied output layer keeps the input
embedding as its `weight` (the restricted output layer, bot/llm/decoding.py, scores rows of it).
"""

from __future__ import annotations

import torch

from bot.llm import file_pages
from bot.llm.cpu import read_vendor

KERNELS = ("auto", "blas", "onednn")


def available() -> bool:
    """Whether this torch build has oneDNN's packed float Linear (x86 builds do)."""
    if not torch.backends.mkldnn.is_available():
        return False
    ops = torch.ops.mkldnn
    return hasattr(ops, "_linear_pointwise") and hasattr(ops, "_reorder_linear_weight")


def chosen(setting: str, vendor: str | None = None) -> str:
    """The kernel a `model.linear_kernel` setting picks here: "onednn" or "blas". `vendor` (as /proc/cpuinfo
    names it; "" for unknown) defaults to this machine's.

    auto picks oneDNN on processors that are not Intel's, where it was measured faster (AMD EPYC Zen 5) and MKL
    is known to take generic paths; on Intel, MKL's float path is the one measured (benchmarks/README.md).
    """
    if setting == "blas" or not available():
        return "blas"
    if setting == "onednn":
        return "onednn"
    vendor = read_vendor() if vendor is None else vendor
    return "onednn" if vendor and vendor != "GenuineIntel" else "blas"  # unknown vendor: blas


class OneDnnLinear(torch.nn.Module):
    """y = x W^T + b, like the float `torch.nn.Linear` it is built from, with W packed for oneDNN."""

    def __init__(self, linear: torch.nn.Linear, keep_weight: bool = False) -> None:
        """From a float layer; `keep_weight` keeps its weight as `weight` (a tied output layer: the input
        embedding holds it anyway), otherwise the float weight is not kept."""
        super().__init__()
        self.in_features, self.out_features = linear.in_features, linear.out_features
        self.packed = _reorder(linear.weight.detach().contiguous())
        self.bias = None if linear.bias is None else torch.nn.Parameter(linear.bias.detach(), requires_grad=False)
        self.weight = linear.weight if keep_weight else None

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        flat = inputs.reshape(-1, self.in_features)
        out = torch.ops.mkldnn._linear_pointwise(flat, self.packed, self.bias, "none", [], "")
        return out.reshape(*inputs.shape[:-1], self.out_features)

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, oneDNN packed"


def _reorder(weight: torch.Tensor) -> torch.Tensor:
    """The weight in oneDNN's own layout, chosen for any number of rows (so a row's result does not depend on
    its batch)."""
    return torch.ops.mkldnn._reorder_linear_weight(weight)


def pack_model(model) -> int:
    """Replace every float32 `torch.nn.Linear` of the model with a oneDNN packed one (a layer oneDNN refuses
    stays as it is); returns how many were replaced.

    The output layer goes first: when it shares the input embedding, the embedding's pages are handed back
    before the other layers are packed, so the weights are never held twice at once.
    """
    shared = {id(p) for p in model.get_input_embeddings().parameters()}
    layers = [
        (parent, name, child)
        for parent in model.modules()
        for name, child in parent.named_children()
        if type(child) is torch.nn.Linear and child.weight.dtype == torch.float32
    ]
    head = model.get_output_embeddings()
    layers.sort(key=lambda entry: entry[2] is not head)
    mapped = file_pages.clean_file_mappings()  # packing reads the file's pages but writes none
    packed = 0
    for parent, name, child in layers:
        try:
            replacement = OneDnnLinear(child, keep_weight=id(child.weight) in shared)
        except RuntimeError:  # a shape or layout this oneDNN cannot pack: the layer stays on torch's own kernel
            continue
        setattr(parent, name, replacement)
        file_pages.release([child.weight], mapped)
        packed += 1
    return packed
