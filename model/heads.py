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

    def __post_init__(self):
        # fold the standardisation into the weights once: (X - m) / s @ W.T + b == X @ (W / s).T + b'
        self._w = np.ascontiguousarray((self.coef / self.scale).T, dtype=np.float32)
        self._b = (self.intercept - (self.coef / self.scale) @ self.mean).astype(np.float32)

    def decision(self, X: np.ndarray) -> np.ndarray:
        return X @ self._w + self._b

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return self.activate(self.decision(X))

    def activate(self, z: np.ndarray) -> np.ndarray:
        """Decision values -> probabilities (softmax rows, or the positive class's sigmoid)."""
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


def save_heads(heads: dict, path) -> dict:
    from safetensors.numpy import save_file

    tensors = {}
    for h in heads.values():
        tensors.update(h.tensors())
    save_file(tensors, str(path))
    return {name: h.meta() for name, h in heads.items()}


def load_heads(path, metas: dict) -> dict:
    from safetensors.numpy import load_file

    tensors = load_file(str(path))
    return {name: (TreeHead if meta["kind"].startswith("tree") else LinearHead).from_tensors(name, meta, tensors)
            for name, meta in metas.items()}


@dataclass
class TreeHead:
    """A gradient-boosted tree ensemble (from sklearn's HistGradientBoosting*) as plain arrays.

    Trees are stored padded to one node count: feature, threshold, left, right, is_leaf, value,
    missing_left — each (n_trees, max_nodes). Prediction walks all trees at once with numpy.
    kind: "tree_linear" (regression) or "tree_sigmoid" (binary classification).
    """

    name: str
    kind: str
    classes: list
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    is_leaf: np.ndarray
    value: np.ndarray
    missing_left: np.ndarray
    baseline: np.ndarray      # (1,)

    def raw(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        feature, threshold, nxt_left, nxt_right, missing_left, value, depth = self._walk()
        n, t = X.shape[0], self.feature.shape[0]
        node = np.broadcast_to(np.arange(t) * self.feature.shape[1], (n, t))  # flat ids of the roots
        feature = np.clip(feature, 0, X.shape[1] - 1)
        has_nan = bool(np.isnan(X).any())
        for _ in range(depth):
            x = np.take_along_axis(X, feature[node], axis=1)
            go_left = x <= threshold[node]
            if has_nan:
                go_left = np.where(np.isnan(x), missing_left[node], go_left)
            node = np.where(go_left, nxt_left[node], nxt_right[node])
        return self.baseline[0] + value[node].sum(axis=1)

    def _walk(self):
        """The trees as flat arrays in which a leaf leads back to itself, so that `depth` steps of
        a few gathers land every row on its leaf (built on first use)."""
        walk = getattr(self, "_walk_arrays", None)
        if walk is None:
            t, width = self.feature.shape
            flat = np.arange(t * width).reshape(t, width)
            base = (np.arange(t) * width)[:, None]
            leaf = self.is_leaf.astype(bool)
            nxt_left = np.where(leaf, flat, self.left + base).ravel()
            nxt_right = np.where(leaf, flat, self.right + base).ravel()
            depth, stack = 0, [(i, 0, 0) for i in range(t)]  # the longest root-to-leaf path
            while stack:
                i, j, d = stack.pop()
                if leaf[i, j]:
                    depth = max(depth, d)
                else:
                    stack += [(i, int(self.left[i, j]), d + 1), (i, int(self.right[i, j]), d + 1)]
            walk = self._walk_arrays = (self.feature.ravel(), self.threshold.ravel(), nxt_left, nxt_right,
                                        self.missing_left.ravel().astype(bool), self.value.ravel(), depth)
        return walk

    def predict_value(self, X: np.ndarray) -> np.ndarray:
        return self.raw(X)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.raw(X)))

    _FIELDS = ("feature", "threshold", "left", "right", "is_leaf", "value", "missing_left", "baseline")

    def tensors(self) -> dict[str, np.ndarray]:
        out = {}
        for k in self._FIELDS:
            a = getattr(self, k)
            out[f"{self.name}.{k}"] = np.ascontiguousarray(
                a, dtype=np.float64 if k in ("threshold", "value", "baseline") else np.int64)
        return out

    def meta(self) -> dict:
        return {"kind": self.kind, "classes": list(self.classes), "trees": int(self.feature.shape[0])}

    @classmethod
    def from_tensors(cls, name: str, meta: dict, tensors: dict[str, np.ndarray]) -> "TreeHead":
        return cls(name=name, kind=meta["kind"], classes=list(meta["classes"]),
                   **{k: tensors[f"{name}.{k}"] for k in cls._FIELDS})

    @classmethod
    def from_sklearn(cls, name: str, model, kind: str) -> "TreeHead":
        preds = [p[0] for p in model._predictors]
        width = max(len(p.nodes) for p in preds)

        def grid(field, fill, dtype):
            out = np.full((len(preds), width), fill, dtype=dtype)
            for i, p in enumerate(preds):
                out[i, : len(p.nodes)] = p.nodes[field]
            return out

        return cls(name=name, kind=kind, classes=["no", "yes"] if kind == "tree_sigmoid" else [],
                   feature=grid("feature_idx", 0, np.int64), threshold=grid("num_threshold", 0.0, np.float64),
                   left=grid("left", 0, np.int64), right=grid("right", 0, np.int64),
                   is_leaf=grid("is_leaf", 1, np.int64), value=grid("value", 0.0, np.float64),
                   missing_left=grid("missing_go_to_left", 0, np.int64),
                   baseline=np.asarray(model._baseline_prediction, dtype=np.float64).reshape(1))
