"""Data card tables, produced from the corpus (never typed by hand)."""
from __future__ import annotations

import re
from collections import Counter

from .config import TrainConfig
from .corpus import load_corpus
from .validate import spread_of, word_count

BEGIN, END = "<!-- tables:begin (python -m training datacard) -->", "<!-- tables:end -->"


def _dist_table(splits, key, values=None) -> str:
    names = list(splits)
    if values is None:
        values = sorted({str(key(r)) for recs in splits.values() for r in recs})
    lines = ["| value | " + " | ".join(names) + " | all |", "|---|" + "---|" * (len(names) + 1)]
    allrecs = [r for recs in splits.values() for r in recs]
    for v in values:
        cells = [sum(1 for r in splits[n] if str(key(r)) == str(v)) for n in names]
        total = sum(1 for r in allrecs if str(key(r)) == str(v))
        lines.append(f"| {v} | " + " | ".join(str(c) for c in cells) + f" | {total} |")
    return "\n".join(lines)


def _sentence_table(splits, key, values) -> str:
    names = list(splits)
    lines = ["| value | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for v in values:
        cells = []
        for n in names:
            sents = [s for r in splits[n] for s in r["sentences"]]
            c = sum(1 for s in sents if key(s, v))
            cells.append(f"{c} ({c / max(1, len(sents)):.0%})")
        lines.append(f"| {v} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _opening(r) -> str:
    for s in r["sentences"]:
        t = re.sub(r"<[^>]+>", "", s["text"]).strip()
        if s["kind"] == "other" and len(t.split()) <= 6:
            continue
        return " ".join(re.findall(r"[a-z']+", t.lower())[:3])
    return ""


def diversity(records) -> dict:
    openings = Counter(_opening(r) for r in records)
    top5 = sum(c for _, c in openings.most_common(5))
    words = 0
    grams = set()
    for r in records:
        toks = re.findall(r"[a-z0-9']+", " ".join(s["text"] for s in r["sentences"]).lower())
        words += len(toks)
        grams.update(" ".join(toks[i:i + 3]) for i in range(len(toks) - 2))
    sents = [re.sub(r"\s+", " ", s["text"].lower()).strip() for r in records for s in r["sentences"]]
    return {
        "messages": len(records),
        "words": words,
        "share opening with the 5 most common openings": f"{top5 / max(1, len(records)):.1%}",
        "5 most common openings": ", ".join(f"'{o}' ({c})" for o, c in openings.most_common(5)),
        "distinct word 3-grams per 1,000 words": f"{1000 * len(grams) / max(1, words):.0f}",
        "distinct sentences / all sentences": f"{len(set(sents))} / {len(sents)}",
    }


def tables(cfg: TrainConfig) -> str:
    splits = load_corpus(cfg.corpus_path, cfg.splits_path)
    allrecs = [r for recs in splits.values() for r in recs]
    out = ["### Messages per split\n", _dist_table(splits, lambda r: "messages", ["messages"]),
           "\n### Message specificity (1–5)\n", _dist_table(splits, lambda r: r["specificity"], [1, 2, 3, 4, 5]),
           "\n### Message warmth (1–5)\n", _dist_table(splits, lambda r: r["warmth"], [1, 2, 3, 4, 5]),
           "\n### Message flags\n",
           _dist_table(splits, lambda r: ",".join(f for f in ("actionable", "relationship", "risky") if r[f]) or "(none)"),
           "\n### Sentence labels\n",
           _sentence_table(splits, lambda s, v: s["kind"] == v, ["decision", "reason", "advice", "appreciation", "future", "other"]),
           "\n", _sentence_table(splits, lambda s, v: f"specificity {s['specificity']}" == v,
                                 ["specificity 0", "specificity 1", "specificity 2"]),
           "\n", _sentence_table(splits, lambda s, v: f"boilerplate {s['boilerplate']}" == v,
                                 ["boilerplate none", "boilerplate low", "boilerplate high"]),
           "\n", _sentence_table(splits, lambda s, v: v in s["tone"], ["harsh", "cold", "risky"]),
           "\n### Risk categories (sentences)\n",
           _sentence_table(splits, lambda s, v: s.get("risk") == v,
                           sorted({s.get("risk") for r in allrecs for s in r["sentences"] if s.get("risk")})),
           "\n### Locale, channel, seniority, industry\n",
           _dist_table(splits, lambda r: r.get("locale")), "\n", _dist_table(splits, lambda r: r.get("channel")),
           "\n", _dist_table(splits, lambda r: r.get("seniority"),
                             ["intern", "entry", "mid", "senior", "lead", "manager", "director", "executive"]),
           "\n", _dist_table(splits, lambda r: r.get("industry", "?").lower()),
           "\n### Length\n",
           _dist_table(splits, lambda r: ("1-2 sentences" if len(r["sentences"]) <= 2 else
                                          ">250 words" if word_count(r) > 250 else "3+ sentences, <=250 words")),
           "\n### Spread against the corpus minimums (all messages)\n",
           "| measure | share |\n|---|---|\n" + "\n".join(f"| {k} | {v:.1%} |" for k, v in spread_of(allrecs).items()),
           "\n### Phrasing diversity\n",
           "| measure | " + " | ".join(splits) + " | all |\n|---|" + "---|" * (len(splits) + 1)]
    divs = {n: diversity(recs) for n, recs in splits.items()}
    divs["all"] = diversity(allrecs)
    for k in divs["all"]:
        out.append(f"| {k} | " + " | ".join(str(divs[n][k]) for n in divs) + " |")
    tags = Counter(t for r in allrecs for t in r.get("tags", []))
    out.append("\n### Tags (hard cases and formats)\n")
    out.append("| tag | messages |\n|---|---|\n" + "\n".join(f"| {t} | {c} |" for t, c in tags.most_common()))
    return "\n".join(out)


def write_datacard(cfg: TrainConfig):
    path = cfg.data_dir / "README.md"
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Data card\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text += f"\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    path.write_text(head + BEGIN + "\n" + tables(cfg) + "\n" + END + tail, encoding="utf-8")
    return path
