"""Evaluation: the shipped Checker and three baselines, on a labelled set.

Sentence metrics use the gold sentence split (so segmentation errors don't blur them);
message metrics run the full `check(text)` path, as a user would.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.metrics import precision_recall_fscore_support, roc_auc_score

# ~30 stock phrases of the kind every job seeker recognises (team-written baseline list).
STOCK_PHRASES = [
    "after careful consideration", "we have decided to move forward", "move forward with other candidates",
    "more closely matches", "more closely match", "not the right fit", "at this time", "keep your resume on file",
    "keep your cv on file", "keep your details on file", "future opportunities", "we regret to inform you",
    "unfortunately", "we received a large number", "high volume of applications", "highly competitive",
    "we wish you the best", "best of luck", "wish you every success", "thank you for your interest",
    "pursue other candidates", "other candidates whose", "better aligned", "better suited",
    "not be moving forward", "not be progressing", "encourage you to apply", "impressive background",
    "we appreciate the time", "difficult decision",
]


def _prf(y, p):
    pr, rc, f1, _ = precision_recall_fscore_support(y, p, average="binary", zero_division=0)
    return {"precision": round(float(pr), 3), "recall": round(float(rc), 3), "f1": round(float(f1), 3)}


def _auc(y, s):
    y = np.asarray(y)
    if y.min() == y.max():
        return None
    return round(float(roc_auc_score(y, s)), 3)


def _spearman(a, b):
    if len(set(a)) < 2 or len(set(b)) < 2:
        return None
    return round(float(spearmanr(a, b).statistic), 3)


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(l) for l in Path(path).read_text(encoding="utf-8").splitlines() if l.strip()]


def gold(records):
    sents = [s for r in records for s in r["sentences"]]
    return {
        "spec": np.array([s["specificity"] for s in sents]),
        "bp_high": np.array([s["boilerplate"] == "high" for s in sents], dtype=int),
        **{t: np.array([t in s["tone"] for s in sents], dtype=int) for t in ("harsh", "cold", "risky")},
        "msg_spec": [r["specificity"] for r in records],
        "msg_warm": [r["warmth"] for r in records],
        **{"m_" + f: np.array([bool(r[f]) for r in records], dtype=int) for f in ("actionable", "relationship", "risky")},
    }


def metrics_from(g, s_spec, s_bp_high, s_tone: dict, m_spec, m_warm, m_flags: dict) -> dict:
    out = {
        "boilerplate_high": _prf(g["bp_high"], s_bp_high) if s_bp_high is not None else None,
        "specificity_auc_ge1": _auc(g["spec"] >= 1, s_spec) if s_spec is not None else None,
        "specificity_auc_2": _auc(g["spec"] == 2, s_spec) if s_spec is not None else None,
        "message_specificity_spearman": _spearman(g["msg_spec"], m_spec) if m_spec is not None else None,
        "message_warmth_spearman": _spearman(g["msg_warm"], m_warm) if m_warm is not None else None,
    }
    for t in ("harsh", "cold", "risky"):
        out[f"{t}_sentence_f1"] = _prf(g[t], s_tone[t])["f1"] if t in s_tone else None
    for f in ("actionable", "relationship", "risky"):
        if f in m_flags:
            pr = _prf(g["m_" + f], m_flags[f])
            out[f"{f}_message"] = {"precision": pr["precision"], "recall": pr["recall"]}
        else:
            out[f"{f}_message"] = None
    return out


def evaluate_checker(checker, records) -> dict:
    g = gold(records)
    seg = checker.check_segmented([[s["text"] for s in r["sentences"]] for r in records])
    sents = [s for rep in seg for s in rep.sentences]
    full = checker.check_batch([r["text"] for r in records], on_error="return")
    full = [f if not isinstance(f, Exception) else seg[i] for i, f in enumerate(full)]
    return metrics_from(
        g,
        np.array([s.specificity for s in sents]),
        np.array([s.boilerplate == "high" for s in sents], dtype=int),
        {t: np.array([t in s.tone for s in sents], dtype=int) for t in ("harsh", "cold", "risky")},
        [rep.rubric["specificity"] for rep in full],
        [rep.rubric["warmth"] for rep in full],
        {"actionable": [int(r.actionable) for r in full], "relationship": [int(r.relationship) for r in full],
         "risky": [int(r.risky) for r in full]},
    )


def _phrase_hits(text: str) -> int:
    t = re.sub(r"\s+", " ", text.lower()).replace("résumé", "resume")
    return sum(t.count(p) for p in STOCK_PHRASES)


def evaluate_baselines(records) -> dict[str, dict]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    g = gold(records)
    sents = [s["text"] for r in records for s in r["sentences"]]
    hits = np.array([_phrase_hits(s) for s in sents])
    msg_hits = [_phrase_hits(r["text"]) for r in records]
    lengths = np.array([len(s.split()) for s in sents])
    msg_len = [sum(len(s["text"].split()) for s in r["sentences"]) for r in records]
    vader = SentimentIntensityAnalyzer()
    s_comp = np.array([vader.polarity_scores(s)["compound"] for s in sents])
    m_comp = [vader.polarity_scores(" ".join(s["text"] for s in r["sentences"]))["compound"] for r in records]
    return {
        "stock phrases": metrics_from(g, -hits, (hits > 0).astype(int), {}, [-h for h in msg_hits],
                                      [-h for h in msg_hits], {}),
        "message length": metrics_from(g, lengths, None, {}, msg_len, msg_len, {}),
        "VADER compound": metrics_from(g, None, None, {"harsh": (s_comp <= -0.3).astype(int)}, None, m_comp, {}),
    }


def format_table(results: dict[str, dict]) -> str:
    """Markdown table: one row per metric, one column per system."""
    names = list(results)
    rows = []
    keys = list(next(iter(results.values())).keys())
    for k in keys:
        cells = []
        for n in names:
            v = results[n].get(k)
            if v is None:
                cells.append("–")
            elif isinstance(v, dict):
                cells.append("/".join(f"{x:.2f}" for x in v.values()))
            else:
                cells.append(f"{v:.3f}")
        rows.append(f"| {k} | " + " | ".join(cells) + " |")
    head = "| metric | " + " | ".join(names) + " |\n|---|" + "---|" * len(names)
    return head + "\n" + "\n".join(rows)
