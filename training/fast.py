"""Train, evaluate and package the audit profile (model/fast.py) from the same corpus.

    python -m training fast      # runs/fast -> evaluate -> model/artifacts_fast

Sentence heads: logistic regressions over sparse [binary word 1-2-grams (L2-normalised) |
standardised hand features]; message heads: the same gradient-boosted trees as the full model,
trained on out-of-fold sentence probabilities.
"""
from __future__ import annotations

import json
import shutil
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from model.checker import SENTENCE_HEADS
from model.fast import START, VOCAB_FILE, FastFeaturizer, grams, sparse_proba, tokens
from model.features import HAND_FEATURES, KIND_ORDER, message_feature_dim
from model.heads import LinearHead, save_heads
from model.report import BOILERPLATE

from .config import TrainConfig
from .corpus import load_corpus
from .pipeline import HEADS_FILE, manifest_base, ship, write_manifest
from .train import (
    _scaler,
    augment,
    augment_signatures,
    fit_message_heads,
    sentence_targets,
    sentence_texts,
    threshold_pool,
    tune_thresholds,
)

MAX_GRAMS = 20000
MIN_DF = 2


def staging(cfg: TrainConfig) -> Path:
    return cfg.runs_dir / "fast"


def artifacts(cfg: TrainConfig) -> Path:
    return cfg.artifacts_dir.with_name(cfg.artifacts_dir.name + "_fast")


def fit_vocab(sentences: list[str]) -> dict[str, int]:
    """Word 1-2-grams seen in at least MIN_DF training sentences, the MAX_GRAMS most frequent."""
    df: Counter = Counter()
    for s in sentences:
        df.update(set(grams(tokens(s))))
    kept = sorted((g for g, c in df.items() if c >= MIN_DF or g == START), key=lambda g: (-df[g], g))
    return {g: i for i, g in enumerate(kept[:MAX_GRAMS])}


class Features:
    """Training-time view: the sparse matrix with standardised hand columns, and the raw parts."""

    def __init__(self, feat: FastFeaturizer, messages: list[list[str]], hand_stats=None):
        from scipy.sparse import csr_matrix, hstack

        ids, offsets, vals, hand = feat.transform(messages)
        self.parts = (ids, offsets, vals, hand)
        self.hand_mean, self.hand_scale = hand_stats or _scaler(hand)
        grams_m = csr_matrix((vals, ids, offsets), shape=(len(offsets) - 1, feat.dim))
        self.X = hstack([grams_m, csr_matrix((hand - self.hand_mean) / self.hand_scale)], format="csr")


def fit_head(name: str, F: Features, y, C: float, classes, balanced: bool, seed: int, n_grams: int) -> LinearHead:
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced" if balanced else None, random_state=seed)
    clf.fit(F.X, y)
    mean = np.concatenate([np.zeros(n_grams, np.float32), F.hand_mean]).astype(np.float32)
    scale = np.concatenate([np.ones(n_grams, np.float32), F.hand_scale]).astype(np.float32)
    if len(classes) == 2:
        return LinearHead(name, "sigmoid", ["no", "yes"], clf.coef_.astype(np.float32),
                          clf.intercept_.astype(np.float32), mean, scale)
    coef = np.zeros((len(classes), F.X.shape[1]), dtype=np.float32)
    inter = np.full(len(classes), -30.0, dtype=np.float32)
    for row, c in enumerate(clf.classes_):
        coef[int(c)] = clf.coef_[row]
        inter[int(c)] = clf.intercept_[row]
    return LinearHead(name, "softmax", list(classes), coef, inter, mean, scale)


def fit_sentence_heads(F: Features, T: dict, cfg: TrainConfig, n_grams: int, prefix: str = "") -> dict:
    """Heads keyed by their SENTENCE_HEADS name; `prefix` goes into the stored head names."""
    heads = {
        "kind": fit_head(prefix + "kind", F, T["kind"], cfg.fast_C, KIND_ORDER, False, cfg.seed, n_grams),
        "specificity": fit_head(prefix + "specificity", F, T["specificity"], cfg.fast_C, (0, 1, 2), False,
                                cfg.seed, n_grams),
        "boilerplate": fit_head(prefix + "boilerplate", F, T["boilerplate"], cfg.fast_C, BOILERPLATE, False,
                                cfg.seed, n_grams),
    }
    for t in cfg.tone_heads:
        heads[t] = fit_head(prefix + t, F, T[t], cfg.fast_C, (0, 1), cfg.tone_balanced, cfg.seed, n_grams)
    return heads


def predict(heads: dict, parts, n_grams: int) -> dict[str, np.ndarray]:
    ids, offsets, vals, hand = parts
    out = {name: sparse_proba(heads[name], n_grams, ids, offsets, vals, hand) for name in SENTENCE_HEADS}
    out["hand"] = hand
    return out


def _subset(F: Features, rows: np.ndarray) -> Features:
    sub = object.__new__(Features)
    sub.X, sub.hand_mean, sub.hand_scale = F.X[rows], F.hand_mean, F.hand_scale
    return sub


def fit_gram_model(train: list[dict], cfg: TrainConfig, prefix: str = ""):
    """The word-gram sentence model: (vocab, heads, out-of-fold probabilities on `train`)."""
    aug = augment_signatures(train)
    aug_msgs = [[s["text"] for s in r["sentences"] if s.get("augmented")] for r in aug]
    msgs = sentence_texts(train)
    vocab = fit_vocab([s for m in msgs for s in m] + [s for m in aug_msgs for s in m])
    feat = FastFeaturizer(vocab)
    n = feat.dim

    # all training sentences (+ the split signature lines), standardised on the former
    F_train = Features(feat, msgs)
    T = sentence_targets(train)
    T_aug = {k: np.array([v for r in aug for s, v in zip(r["sentences"], sentence_targets([r])[k])
                          if s.get("augmented")]) for k in T}
    F_all = Features(feat, msgs + aug_msgs, (F_train.hand_mean, F_train.hand_scale))
    T_all = {k: np.concatenate([T[k], T_aug[k]]) for k in T}
    heads = fit_sentence_heads(F_all, T_all, cfg, n, prefix)

    # out-of-fold sentence probabilities for the message heads
    msg_of_sent = np.concatenate([[i] * len(r["sentences"]) for i, r in enumerate(train)])
    groups = np.array([train[i].get("group", train[i]["id"]) for i in msg_of_sent])
    R = _raw_matrix(F_train.parts, n)  # heads fold their scaling in: they take raw hand values
    oof: dict[str, np.ndarray] = {}
    for tr, te in GroupKFold(n_splits=cfg.folds).split(F_train.X, groups=groups):
        fold_heads = fit_sentence_heads(_subset(F_train, tr), {k: v[tr] for k, v in T.items()}, cfg, n)
        R_te = R[te]
        for name in SENTENCE_HEADS:
            h = fold_heads[name]
            p = h.activate(np.asarray(R_te @ h._w) + h._b)
            if name not in oof:
                oof[name] = np.zeros((R.shape[0],) + p.shape[1:], dtype=np.float32)
            oof[name][te] = p
    oof["hand"] = F_train.parts[3]
    return vocab, heads, oof


def train_fast(cfg: TrainConfig, splits=None) -> dict:
    t0 = time.time()
    splits = splits or load_corpus(cfg.corpus_path, cfg.splits_path)
    train, dev = splits["train"], splits["dev"]
    train = augment(train, cfg)
    vocab, heads, oof = fit_gram_model(train, cfg)
    feat = FastFeaturizer(vocab)
    n = feat.dim
    heads.update(fit_message_heads(train, oof, cfg))

    # tone and boilerplate=high thresholds on dev
    dev_parts = feat.transform(sentence_texts(dev))
    P = predict(heads, dev_parts, n)
    thresholds = tune_thresholds(*threshold_pool(P, dev, oof, train, cfg), cfg)

    out = staging(cfg)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / VOCAB_FILE).write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    metas = save_heads(heads, out / HEADS_FILE)
    manifest = {
        **manifest_base(cfg, splits, cfg.model_version + "-fast"),
        "profile": "fast",
        "feature_dims": {"grams": n, "sentence": n + len(HAND_FEATURES), "message": message_feature_dim()},
        "vocab_file": VOCAB_FILE,
        "heads_file": HEADS_FILE,
        "heads": metas,
        "thresholds": thresholds,
        "train_seconds": round(time.time() - t0, 1),
    }
    write_manifest(out, manifest)
    return manifest


def _raw_matrix(parts, n_grams: int):
    from scipy.sparse import csr_matrix, hstack

    ids, offsets, vals, hand = parts
    return hstack([csr_matrix((vals, ids, offsets), shape=(len(offsets) - 1, n_grams)), csr_matrix(hand)],
                  format="csr")


def package_fast(cfg: TrainConfig, metrics: dict | None = None) -> Path:
    """Ship runs/fast into model/artifacts_fast (see pipeline.ship)."""
    return ship(staging(cfg), artifacts(cfg), metrics, profile="fast")
