"""Compare modelling approaches on dev and real_received: quality and speed.

Every approach uses the same heads, features and Checker code; only the sentence encoder
differs, so the comparison isolates the representation:
  tfidf      TF-IDF (word 1-2 + char 3-5 grams, 4k features) fitted on the training sentences
  minilm     frozen all-MiniLM-L6-v2 (sentence-transformers, torch) — the teacher
  static     model2vec distillation of MiniLM
  static+tfidf  both, concatenated (the shipped model's recipe until session 8)
  static+tfidf+grams  ... with the word-gram model blended in (shipped until session 8)
  finetuned  MiniLM cut to its first layers and fine-tuned on the training split (ONNX)
  finetuned+tfidf+grams  the shipped model since session 9
"""
from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from model.checker import Checker, GramModel
from model.encoder import StaticEncoder, load_encoder
from model.features import normalise_sentence
from model.tfidf import ConcatEncoder, TfidfEncoder

from .config import TrainConfig
from .corpus import load_corpus
from .evaluate import evaluate_checker, load_jsonl
from .pipeline import prepare_static, step_prepare
from .train import train_all


class CachedEncoder:
    """Memoises an expensive encoder (MiniLM) across train/evaluate passes."""

    def __init__(self, enc):
        self.enc, self.dim, self.cache = enc, enc.dim, {}

    def encode(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            for t, v in zip(missing, self.enc.encode(missing)):
                self.cache[t] = v
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


def _speed(checker, drafts, repeats=1) -> dict:
    for d in drafts[:5]:
        checker.check(d)
    times = []
    for _ in range(repeats):
        for d in drafts:
            t = time.perf_counter()
            checker.check(d)
            times.append(time.perf_counter() - t)
    t = time.perf_counter()
    checker.check_batch(drafts, on_error="return")
    batch = len(drafts) / (time.perf_counter() - t)
    return {"p50_ms": round(1000 * float(np.percentile(times, 50)), 1),
            "p99_ms": round(1000 * float(np.percentile(times, 99)), 1), "batch_per_s": round(batch)}


def run_comparison(cfg: TrainConfig,
                   approaches=("tfidf", "static", "static+tfidf", "static+tfidf+grams", "minilm",
                               "finetuned", "finetuned+tfidf+grams", "word-grams")) -> str:
    from model.rules import RuleEngine

    splits = load_corpus(cfg.corpus_path, cfg.splits_path)
    sets = {"dev": splits["dev"]}
    if cfg.eval_path.is_file():
        sets["real"] = load_jsonl(cfg.eval_path)
    train_sents = [normalise_sentence(s["text"]) for r in splits["train"] for s in r["sentences"]]
    static = StaticEncoder(prepare_static(cfg)) if any(a.startswith("static") for a in approaches) else None
    rules = RuleEngine.load()
    drafts = [r["text"] for r in splits["test"]][:150]
    rows = []
    for name in approaches:
        t0 = time.time()
        if name == "word-grams":  # the fast audit profile: sparse word 1-2-grams, cheap cues, no spaCy
            from model.fast import FastChecker

            from .fast import staging, train_fast

            run_cfg = replace(cfg, runs_dir=cfg.runs_dir / "compare")
            train_fast(run_cfg, splits)
            checker = FastChecker.load(staging(run_cfg), rules=rules)
            train_s = time.time() - t0
            res = {k: evaluate_checker(checker, v) for k, v in sets.items()}
            rows.append((name, res, _speed(checker, drafts), train_s))
            continue
        if name == "tfidf":
            enc = TfidfEncoder.fit(train_sents)
        elif name == "static":
            enc = static
        elif name == "static+tfidf":
            enc = ConcatEncoder(static, TfidfEncoder.fit(train_sents))
        elif name == "static+tfidf+grams":  # the shipped model: a word-gram model blended in
            enc = ConcatEncoder(static, TfidfEncoder.fit(train_sents))
        elif name == "finetuned":
            enc = load_encoder(step_prepare(cfg, splits=splits), "onnx")
        elif name == "finetuned+tfidf+grams":
            enc = ConcatEncoder(load_encoder(step_prepare(cfg, splits=splits), "onnx"), TfidfEncoder.fit(train_sents))
        elif name == "minilm":
            from model.encoder import MiniLMEncoder

            enc = CachedEncoder(MiniLMEncoder())
        else:
            raise ValueError(name)
        w = cfg.grams_weight if name.endswith("+grams") else 0.0
        heads, thresholds, vocab = train_all(splits["train"], splits["dev"], enc.encode, replace(cfg, grams_weight=w))
        manifest = {"model_version": f"compare-{name}", "thresholds": thresholds}
        checker = Checker(enc, heads, manifest, rules=rules)
        if vocab is not None:
            checker.grams = GramModel.build(vocab, heads, w, cfg.grams_heads, cfg.grams_message_heads,
                                            cfg.grams_message_weight)
        train_s = time.time() - t0
        res = {k: evaluate_checker(checker, v) for k, v in sets.items()}
        if isinstance(enc, CachedEncoder):
            enc = enc.enc  # time the real encoder, not the cache
            checker = Checker(enc, heads, manifest, rules=rules)
        speed = _speed(checker, drafts)
        rows.append((name, res, speed, train_s))
    lines = ["| approach | set | boilerplate=high F1 | spec AUC >=1 | spec AUC 2 | msg spec rho | warmth rho | "
             "harsh F1 | cold F1 | risky F1 | p50 ms | p99 ms | batch/s | train s |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, res, speed, train_s in rows:
        for set_name, m in res.items():
            lines.append(
                f"| {name} | {set_name} | {m['boilerplate_high']['f1']:.3f} | {m['specificity_auc_ge1']:.3f} | "
                f"{m['specificity_auc_2'] or float('nan'):.3f} | {m['message_specificity_spearman']:.3f} | "
                f"{m['message_warmth_spearman']:.3f} | {m['harsh_sentence_f1']:.3f} | {m['cold_sentence_f1']:.3f} | "
                f"{m['risky_sentence_f1']:.3f} | {speed['p50_ms']} | {speed['p99_ms']} | {speed['batch_per_s']} | "
                f"{train_s:.0f} |")
    return "\n".join(lines)
