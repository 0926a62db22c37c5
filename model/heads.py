"""Linear heads stored as safetensors + JSON (no pickle): learned in training, applied here."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class LinearHead:
    """softmax (multi-class), sigmoid (binary) or linear (regression) over standardised features."""

    name: str
    kind: str                 # "softmax" | "sigmoid" | "linear"
    classes: list             # class labels (softmax), ["no", "yes"] (sigmoid), [] (linear)
    coef: np.ndarray          # (k, d) softmax, (1, d) sigmoid / linear
    intercept: np.ndarray     # (k,) or (1,)
    mean: np.ndarray          # (d,) feature standardisation
    scale: np.ndarray         # (d,)

    def decision(self, X: np.ndarray) -> np.ndarray:
        Z = (X - self.mean) / self.scale
        return Z @ self.coef.T + self.intercept

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        z = self.decision(X)
        if self.kind == "softmax":
            z = z - z.max(axis=1, keepdims=True)
            e = np.exp(z)
            return e / e.sum(axis=1, keepdims=True)
        if self.kind == "sigmoid":
            return 1.0 / (1.0 + np.exp(-z[:, 0]))
        raise ValueError(f"head {self.name} is a regression head")

    def predict_value(self, X: np.ndarray) -> np.ndarray:
        return self.decision(X)[:, 0]

    def tensors(self) -> dict[str, np.ndarray]:
        return {f"{self.name}.{k}": np.ascontiguousarray(getattr(self, k), dtype=np.float32)
                for k in ("coef", "intercept", "mean", "scale")}

    def meta(self) -> dict:
        return {"kind": self.kind, "classes": list(self.classes), "dim": int(self.coef.shape[1])}

    @classmethod
    def from_tensors(cls, name: str, meta: dict, tensors: dict[str, np.ndarray]) -> "LinearHead":
        return cls(name=name, kind=meta["kind"], classes=list(meta["classes"]),
                   coef=tensors[f"{name}.coef"], intercept=tensors[f"{name}.intercept"],
                   mean=tensors[f"{name}.mean"], scale=tensors[f"{name}.scale"])


def save_heads(heads: dict[str, LinearHead], path) -> dict:
    from safetensors.numpy import save_file

    tensors = {}
    for h in heads.values():
        tensors.update(h.tensors())
    save_file(tensors, str(path))
    return {name: h.meta() for name, h in heads.items()}


def load_heads(path, metas: dict) -> dict[str, LinearHead]:
    from safetensors.numpy import load_file

    tensors = load_file(str(path))
    return {name: LinearHead.from_tensors(name, meta, tensors) for name, meta in metas.items()}
